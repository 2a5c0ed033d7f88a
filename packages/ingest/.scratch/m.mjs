import sharp from "sharp";
const base = sharp({create:{width:100,height:130,channels:3,background:"white"}});
const png = await base.clone().png().toBuffer();
const pngD = await base.clone().png().withMetadata({density: 300}).toBuffer();
const jpg = await base.clone().jpeg().toBuffer();
const jpgD = await base.clone().jpeg().withMetadata({density: 100}).toBuffer();
const webp = await base.clone().webp().toBuffer();
for (const [n,b] of Object.entries({png,pngD,jpg,jpgD,webp})) { const m = await sharp(b).metadata(); console.log(n, m.format, m.width, m.height, m.density, m.pages, m.hasAlpha, m.orientation, m.autoOrient); }
// multi-page tiff
const p1 = await sharp({create:{width:100,height:130,channels:3,background:"red"}}).png().toBuffer();
const p2 = await sharp({create:{width:100,height:130,channels:3,background:"blue"}}).png().toBuffer();
const tiff = await sharp([p1,p2], {join:{animated:true}}).tiff().toBuffer().catch(e=>{console.log("join err", e.message)});
if (tiff) { const m = await sharp(tiff).metadata(); console.log("tiff", m.format, m.width, m.height, m.pages, m.pageHeight, m.density); const m1 = await sharp(tiff,{page:1}).metadata(); console.log(m1.width,m1.height,m1.pages); }
console.log(sharp.versions);
// truncated png
const big = await sharp({create:{width:500,height:500,channels:3,noise:{type:"gaussian",mean:128,sigma:30}}}).png().toBuffer();
const trunc = big.subarray(0, big.length/2);
console.log("trunc meta", await sharp(trunc).metadata().then(m=>m.width).catch(e=>"ERR "+e.message));
console.log("trunc decode", await sharp(trunc).raw().toBuffer().then(b=>b.length).catch(e=>"ERR "+e.message));
console.log("trunc decode failOn error", await sharp(trunc, {failOn:"error"}).raw().toBuffer().then(b=>b.length).catch(e=>"ERR "+e.message));
console.log("garbage", await sharp(Buffer.from("hello world")).metadata().catch(e=>"ERR "+e.message));
