// `npm run example-profiles`: writes the example mesh profiles as JSON, for `upgrade plan --profile`.
// test/examples/profile-json.test.ts fails when the committed files drift from examples/profile.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canaryProfile } from '../examples/canary/app';
import { exampleProfile } from '../examples/profile';

const root = join(__dirname, '..');
writeFileSync(join(root, 'examples', 'profile.json'), `${JSON.stringify(exampleProfile.toJson(), null, 2)}\n`);
writeFileSync(join(root, 'examples', 'canary', 'profile.json'), `${JSON.stringify(canaryProfile.toJson(), null, 2)}\n`);
