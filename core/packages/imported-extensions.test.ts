import { declaredExtensions, extensionIdentity, withImportedExtensions } from './imported-extensions';
import { servedExtensions } from './extensions';

const BID = 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json';
const LOTS = 'https://extensions.example.org/lots/extension.json';

describe('extensions of releases published elsewhere', () => {
  it('reads those of packages, of their packageInfo and of bare releases in a list, each once, and no text that is no address', () => {
    const values = [
      { extensions: [BID, 'ocds_bid_extension', 42], releases: [{ packageInfo: { extensions: [LOTS] } }] },
      [{ ocid: 'ocds-a-1', packageInfo: { extensions: [BID] } }],
      { packageInfo: { extensions: ['ftp://example.org/extension.json'] } },
    ];
    expect(declaredExtensions(values)).toEqual([BID, LOTS]);
  });

  it('adds to the served ones only extensions they do not already declare under another owner', () => {
    const served = servedExtensions('https://datos.example.gob.mx');
    const mirror = 'https://raw.githubusercontent.com/INAImexico/ocds_taxes_extension/master/extension.json';
    expect(extensionIdentity(mirror)).toBe(extensionIdentity(served.find((u) => u.includes('/ocds_taxes_extension/'))!));
    expect(withImportedExtensions(served, [mirror, BID, BID, LOTS])).toEqual([...served, BID, LOTS]);
  });
});
