import sharp from "sharp";
const img = sharp({create:{width:800,height:800,channels:3,noise:{type:"gaussian",mean:128,sigma:30}}});
for (const fmt of ["png","jpeg","webp","tiff"]) {
  const b = await img.clone().toFormat(fmt).toBuffer();
  const t = b.subarray(0, Math.floor(b.length*0.6));
  for (const failOn of ["error","truncated","warning"]) {
    const meta = await sharp(t,{failOn}).metadata().then(m=>`${m.width}x${m.height}`).catch(e=>"ERR "+e.message);
    const st = await sharp(t,{failOn}).stats().then(()=> "ok").catch(e=>"ERR "+e.message);
    console.log(fmt, failOn, meta, "|", st);
  }
}
// limitInputPixels on metadata?
const b = await sharp({create:{width:3000,height:3000,channels:3,background:"white"}}).png().toBuffer();
console.log(await sharp(b,{limitInputPixels: 1000}).metadata().then(m=>m.width).catch(e=>"ERR "+e.message));
console.log(await sharp(b,{limitInputPixels: 1000}).stats().then(m=>"ok").catch(e=>"ERR "+e.message));
