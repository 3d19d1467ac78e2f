/** The generated EDCA-MX and EDCAPI profiles (schemas/), loaded once; bundled as data in every shell. */
import ocds from '../../schemas/profile-ocds.json';
import oc4ids from '../../schemas/profile-oc4ids.json';
import type { Profile, Standard } from './types';

export const PROFILES: Readonly<Record<Standard, Profile>> = {
  ocds: ocds as Profile,
  oc4ids: oc4ids as Profile,
};
