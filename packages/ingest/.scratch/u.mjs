import { Agent, request } from "undici";
import http from "node:http";
const srv = http.createServer((req,res)=>{ res.end("host="+req.headers.host+" url="+req.url); }).listen(0, "127.0.0.1");
await new Promise(r=>srv.once("listening",r));
const port = srv.address().port;
const agent = new Agent({ connect: { lookup: (hostname, opts, cb) => { console.log("lookup", hostname, opts); if (opts && opts.all) cb(null, [{address:"127.0.0.1", family:4}]); else cb(null, "127.0.0.1", 4); } } });
const r = await request(`http://fake.test:${port}/a?b=c`, { dispatcher: agent });
console.log(r.statusCode, await r.body.text());
await agent.close(); srv.close();
