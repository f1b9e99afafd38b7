import { validatePayload } from '../shared/publications/catalogue/validate-payload.js';
import { basePayload, grownTo } from '../test-support/large-payloads.js';
import { findListType } from '../shared/publications/catalogue/list-types.js';
for (const [id, lt] of [['magistrates-public-list','MAGISTRATES_PUBLIC_LIST'],['magistrates-standard-list','MAGISTRATES_STANDARD_LIST'],['sjp-public-list','SJP_PUBLIC_LIST'],['sjp-press-list','SJP_PRESS_LIST'],['crown-firm-pdda-list','CROWN_FIRM_PDDA_LIST'],['crown-warned-pdda-list','CROWN_WARNED_PDDA_LIST']] as const) {
  const l = findListType(lt); if (l.kind!=='found') throw 1;
  const text = JSON.stringify(grownTo(basePayload(id).payload, 1_000_000));
  const p = JSON.parse(text);
  const t = (f: () => unknown) => { for (let i=0;i<5;i++) f(); const a: number[] = []; for (let i=0;i<40;i++){const s=performance.now(); f(); a.push(performance.now()-s);} a.sort((x,y)=>x-y); return a[0]!; };
  const parse = t(() => JSON.parse(text)); const val = t(() => validatePayload(l.listType, p));
  console.log(id, parse.toFixed(2), val.toFixed(2), (val/parse).toFixed(2));
}
