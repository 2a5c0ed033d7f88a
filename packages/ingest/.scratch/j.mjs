import sharp from "sharp"; import {readFileSync} from "fs";
for (const f of process.argv.slice(2)) { const b = readFileSync(f); const m = await sharp(b).metadata(); console.log(f.split("/").slice(-2).join("/"), m.format, m.width, m.height, m.density, m.space, m.channels, m.hasAlpha, b.subarray(0,20).toString("hex")); }
const jpg = await sharp({create:{width:100,height:130,channels:3,background:"white"}}).jpeg().toBuffer(); console.log(jpg.subarray(0,20).toString("hex"));
