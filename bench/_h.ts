import { benchGrowth, benchImports } from './hostile.js';
if (!process.env.SKIP_GROWTH) for (const r of benchGrowth()) console.log(r.name, r.sizes.join('/'), r.ms.map((m) => m.toFixed(0)).join(' / '));
for (const r of benchImports()) console.log(JSON.stringify({ ...r, ms: Math.round(r.ms), maxRssMb: Math.round(r.maxRssMb) }));
