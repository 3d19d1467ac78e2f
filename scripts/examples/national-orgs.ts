/** Fictional organisations that work with implementers in several states. */
import { company } from './parties';

/** Surety company that issues the performance bonds (fianzas de cumplimiento) of the works contracts. */
export const AFIANZADORA = company('ASM', '940818', 'K3', 'Afianzadora Sierra Madre Ficticia, S.A.', {
  streetAddress: 'Av. Insurgentes Sur 1605, piso 9', locality: 'Benito Juárez', region: 'Ciudad de México', postalCode: '03900',
}, { name: 'Lic. Patricia Robles Ortega', email: 'fianzas@afianzadora-sierramadre.example', telephone: '+52 55 5480 2200' });
