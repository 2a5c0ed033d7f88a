import type { LabelSpec } from "../layout/label-search.js";
import type { BoxSpec } from "./box-fields.js";
import { BOX12_SLOTS, BOX12_VALUE } from "./w2-box12.js";

export const W2_MONEY = [
  { key: "box1WagesTipsOtherComp", kind: "money", box: "1", synonyms: ["wages tips other compensation", "wages tips and other compensation", "wages tips other comp"] },
  { key: "box2FederalIncomeTaxWithheld", kind: "money", box: "2", synonyms: ["federal income tax withheld", "fed income tax withheld", "federal tax withheld"] },
  { key: "box3SocialSecurityWages", kind: "money", box: "3", synonyms: ["social security wages", "ss wages", "soc sec wages"] },
  { key: "box4SocialSecurityTaxWithheld", kind: "money", box: "4", synonyms: ["social security tax withheld", "ss tax withheld", "soc sec tax withheld"] },
  { key: "box5MedicareWagesAndTips", kind: "money", box: "5", synonyms: ["medicare wages and tips", "medicare wages"] },
  { key: "box6MedicareTaxWithheld", kind: "money", box: "6", synonyms: ["medicare tax withheld"] },
  { key: "box7SocialSecurityTips", kind: "money", box: "7", synonyms: ["social security tips", "ss tips", "soc sec tips"] },
  { key: "box8AllocatedTips", kind: "money", box: "8", synonyms: ["allocated tips"] },
  { key: "box10DependentCareBenefits", kind: "money", box: "10", synonyms: ["dependent care benefits"] },
  { key: "box11NonqualifiedPlans", kind: "money", box: "11", synonyms: ["nonqualified plans", "non-qualified plans"] },
] as const satisfies readonly BoxSpec[];

export const W2_OTHER: readonly LabelSpec[] = [
  { key: "ssn", box: "a", synonyms: ["employee's social security number", "employee's ssn", "social security number"] },
  { key: "ein", box: "b", synonyms: ["employer identification number", "employer's identification number", "employer's federal id number", "employer id number", "employer's ein", "ein"] },
  { key: "employer", box: "c", synonyms: ["employer's name address and zip code", "employer's name and address", "employer's name"] },
  { key: "control", box: "d", synonyms: ["control number", "control no"] },
  {
    key: "employeeName",
    box: "e",
    synonyms: ["employee's first name and initial last name suff", "employee's first name and initial last name", "employee's first name and initial", "employee's name"],
  },
  { key: "employeeAddress", box: "f", synonyms: ["employee's address and zip code", "employee's address"] },
  { key: "box9", box: "9", synonyms: ["verification code"], boxOnly: true },
  { key: "box12", box: "12", synonyms: ["see instructions for box 12", "codes"] },
  { key: "box12a", box: "12a", synonyms: ["see instructions for box 12", "code"], boxOnly: BOX12_VALUE },
  ...BOX12_SLOTS.slice(1).map((s): LabelSpec => ({ key: `box12${s}`, box: `12${s}`, synonyms: ["code"], boxOnly: BOX12_VALUE })),
  { key: "box13Statutory", box: "13", synonyms: ["statutory employee", "statutory"] },
  { key: "box13Retirement", synonyms: ["retirement plan"], inline: true },
  { key: "box13SickPay", synonyms: ["third-party sick pay", "third party sick pay"], inline: true },
  { key: "box14", box: "14", synonyms: ["other"] },
  { key: "state", box: "15", synonyms: ["state"] },
  { key: "stateId", synonyms: ["employer's state id number", "employer's state id no", "state id number"] },
  { key: "stateWages", box: "16", synonyms: ["state wages tips etc", "state wages"] },
  { key: "stateTax", box: "17", synonyms: ["state income tax"] },
  { key: "localWages", box: "18", synonyms: ["local wages tips etc", "local wages"] },
  { key: "localTax", box: "19", synonyms: ["local income tax"] },
  { key: "locality", box: "20", synonyms: ["locality name"] },
  { key: "corrected", synonyms: ["corrected"], standalone: true },
];
