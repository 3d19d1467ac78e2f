/** Fictional municipal implementer: the municipality of Mérida, Yucatán (America/Merida). */
import { AFIANZADORA } from './national-orgs';
import { company, person } from './parties';
import type { PublisherSpec } from './types';

const YUC = 'Yucatán';

/** A municipality has one RFC: it buys, procures, funds and pays under the same identity. */
const MUNICIPIO = company('MME', '840101', 'P2', 'Municipio de Mérida', {
  streetAddress: 'Calle 62 No. 501-A por 61 y 63, Centro', locality: 'Mérida', region: YUC, postalCode: '97000',
}, { name: 'Dirección de Obras Públicas', email: 'obras.publicas@merida.example', telephone: '+52 999 942 0000' });

const OFFICIAL = person('CAEJ', '770503', 'DW', { givenName: 'Jorge', patronymicName: 'Canché', matronymicName: 'Euán' }, {
  streetAddress: 'Calle 62 No. 501-A por 61 y 63, Centro', locality: 'Mérida', region: YUC, postalCode: '97000',
}, { name: 'Arq. Jorge Canché Euán', email: 'jorge.canche@merida.example', telephone: '+52 999 942 0031' });

const XCANATUN = company('CPX', '090217', 'U6', 'Constructora Peninsular Xcanatún, S.A. de C.V.', {
  streetAddress: 'Calle 21 No. 98 por 20 y 22, Col. Itzimná', locality: 'Mérida', region: YUC, postalCode: '97100',
}, { name: 'Ing. Gabriel Medina Cervera', email: 'licitaciones@xcanatun.example', telephone: '+52 999 926 4410' });

const MAYAB = company('CVM', '130828', 'EF', 'Concretos y Vialidades del Mayab, S.A. de C.V.', {
  streetAddress: 'Calle 60 No. 299-E, Col. Revolución', locality: 'Mérida', region: YUC, postalCode: '97118',
}, { name: 'Ing. Carolina Peniche Bolio', email: 'concursos@vialidadesmayab.example', telephone: '+52 999 944 7182' });

const SAC_NICTE = company('OHS', '100512', '7C', 'Obras Hidráulicas Sac-Nicté, S.A. de C.V.', {
  streetAddress: 'Calle 33 No. 505, Col. García Ginerés', locality: 'Mérida', region: YUC, postalCode: '97070',
}, { name: 'Ing. Manuel Dzib Chan', email: 'obras@sacnicte.example', telephone: '+52 999 925 3306' });

const CHENKU = company('UCH', '160301', 'V9', 'Urbanizadora Chenkú, S.A. de C.V.', {
  streetAddress: 'Calle 40 No. 350, Col. Chenkú', locality: 'Mérida', region: YUC, postalCode: '97219',
}, { name: 'Arq. Fernanda Ancona Sosa', email: 'contacto@urbanizadorachenku.example', telephone: '+52 999 948 1127' });

const ITZIMNA = company('PEP', '180915', 'G1', 'Paisajismo y Espacios Públicos Itzimná, S.A. de C.V.', {
  streetAddress: 'Calle 19 No. 145, Col. Itzimná', locality: 'Mérida', region: YUC, postalCode: '97100',
}, { name: 'Arq. Andrea Rosado Góngora', email: 'proyectos@espaciositzimna.example', telephone: '+52 999 927 8854' });

const PECH = person('PECL', '850312', 'HB', { givenName: 'Lucía', patronymicName: 'Pech', matronymicName: 'Canul' }, {
  streetAddress: 'Calle 47 No. 512 por 62 y 64, Centro', locality: 'Mérida', region: YUC, postalCode: '97000',
}, { name: 'Arq. Lucía Pech Canul', email: 'lucia.pech@supervision.example', telephone: '+52 999 923 6670' });

const FISM = 'Fondo de Aportaciones para la Infraestructura Social Municipal (FISMDF)';
const OWN = 'Recursos propios municipales';

export const MERIDA: PublisherSpec = {
  key: 'merida',
  state: YUC,
  settings: {
    publisherName: 'Municipio de Mérida',
    ocidPrefix: 'ocds-mid001',
    projectIdPrefix: 'oc4ids-mid001',
    licenseUrl: 'https://creativecommons.org/licenses/by/4.0/',
    publicationPolicyUrl: 'https://transparencia.merida.example/datos-abiertos/politica-de-publicacion',
    timeZone: 'America/Merida',
  },
  authority: MUNICIPIO,
  treasury: MUNICIPIO,
  documentHost: 'transparencia.merida.example',
  law: 'Ley de Obra Pública y Servicios Conexos del Estado de Yucatán',
  projects: [
    {
      localId: 'MID-2024-001',
      title: 'Repavimentación con concreto hidráulico de la calle 60 entre las calles 47 y 67, Centro Histórico',
      description: 'Sustitución de la carpeta asfáltica por concreto hidráulico estampado, renovación de banquetas accesibles, redes de agua potable y pozos pluviales en 1.4 km de la calle 60.',
      purpose: 'Mejorar la movilidad peatonal y la durabilidad del pavimento en el corredor más transitado del Centro Histórico.',
      status: 'implementation', type: 'rehabilitation', sector: ['transport.road', 'transport.urban'],
      sdg: { id: '11', description: 'Ciudades y comunidades sostenibles' },
      location: { description: 'Calle 60 entre las calles 47 y 67, Centro', lng: -89.6235, lat: 20.9695, address: { streetAddress: 'Calle 60 entre 47 y 67, Centro', locality: 'Mérida', region: YUC, postalCode: '97000' } },
      budget: 142600000, budgetDescription: 'Recursos municipales y federales del programa de vialidades del Centro Histórico.',
      requestDate: '2024-02-12', approvalDate: '2024-05-20', start: '2024-06-03', end: '2025-09-30', assetLifetimeYears: 25,
      processes: [
        {
          localId: 'DOP-LP-OP-003-2024', stage: 'implementation', method: 'Licitación pública', category: 'works', nature: ['construction'],
          title: 'Repavimentación con concreto hidráulico de la calle 60, Centro Histórico',
          description: 'Demolición de carpeta, base hidráulica, losas de concreto estampado, banquetas, guarniciones y pozos pluviales.',
          rationale: 'El pavimento presenta baches y hundimientos recurrentes que elevan el gasto de bacheo cada temporada de lluvias.',
          planningDate: '2024-06-10', budget: 136000000, estimate: 133500000, award: 128406219.37,
          item: { code: '61700112', catalogue: 'Construccion de obra de pavimentacion', unit: 'Obra', description: 'Pavimento de concreto hidráulico estampado y obras complementarias' },
          tenderers: [MAYAB, XCANATUN, CHENKU, SAC_NICTE], durationDays: 390, paidShare: 0.71,
          guarantor: AFIANZADORA, official: OFFICIAL, surveillance: ['citizenComptroller'],
          budgetKey: '2024-MID-DOP-K003-61401-25', fund: FISM,
        },
        {
          localId: 'DOP-AD-SRO-007-2024', stage: 'implementation', method: 'Adjudicación directa', category: 'worksRelatedServices', nature: ['supervision'],
          title: 'Supervisión externa de la repavimentación de la calle 60',
          description: 'Supervisión de calidad de concretos, control de estimaciones y bitácora de la obra de la calle 60.',
          rationale: 'La obra se ejecuta en un área patrimonial que requiere supervisión especializada y permanente.',
          planningDate: '2024-07-01', budget: 3200000, estimate: 3050000, award: 2964000,
          item: { code: '61900301', catalogue: 'Supervision de obras publicas', unit: 'Obra', description: 'Supervisión externa de obra vial' },
          tenderers: [PECH], durationDays: 395, paidShare: 0.55,
          budgetKey: '2024-MID-DOP-K003-62903-14', fund: OWN,
        },
      ],
    },
    {
      localId: 'MID-2023-002',
      title: 'Construcción del parque lineal de la colonia Chuburná de Hidalgo',
      description: 'Parque lineal de 1.1 km con andadores, ciclovía, juegos infantiles, aparatos de ejercicio, arbolado nativo y alumbrado solar.',
      purpose: 'Crear espacio público seguro y sombreado en una zona con déficit de áreas verdes.',
      status: 'completion', type: 'construction', sector: ['cultureSportsAndRecreation'],
      sdg: { id: '11', description: 'Ciudades y comunidades sostenibles' },
      location: { description: 'Franja municipal sobre la calle 20 de Chuburná de Hidalgo', lng: -89.6461, lat: 21.0082, address: { streetAddress: 'Calle 20 entre 17 y 31, Col. Chuburná de Hidalgo', locality: 'Mérida', region: YUC, postalCode: '97205' } },
      budget: 18350000, budgetDescription: 'Recursos propios del programa municipal de parques.',
      requestDate: '2022-10-10', approvalDate: '2023-01-23', start: '2023-02-01', end: '2023-11-30',
      completion: {
        endDateDetails: 'El parque se entregó a la comunidad en noviembre de 2023, tras el acta de entrega-recepción.',
        finalScope: 'Se construyó el parque completo conforme al proyecto.',
        finalScopeDetails: 'Se añadieron 40 árboles nativos adicionales sin costo para el municipio.',
        finalValueDetails: 'Monto pagado al contratista, incluido el finiquito.',
      },
      processes: [
        {
          localId: 'DOP-IR-OP-005-2023', stage: 'concluded', method: 'Invitación a cuando menos tres personas', category: 'works', nature: ['construction'],
          title: 'Construcción del parque lineal de Chuburná de Hidalgo',
          description: 'Andadores, ciclovía, áreas de juegos y ejercicio, arbolado, riego y alumbrado solar.',
          rationale: 'Los vecinos solicitaron el parque en la consulta de presupuesto participativo 2022.',
          planningDate: '2023-02-13', budget: 18000000, estimate: 17600000, award: 16982411.09,
          item: { code: '62201024', catalogue: 'Construccion de instalaciones deportivas', unit: 'Obra', description: 'Construcción de parque lineal con áreas deportivas y recreativas' },
          tenderers: [ITZIMNA, CHENKU, XCANATUN], durationDays: 180, guarantor: AFIANZADORA, official: OFFICIAL,
          budgetKey: '2023-MID-DOP-K007-62201-14', fund: OWN,
        },
      ],
    },
    {
      localId: 'MID-2025-003',
      title: 'Ampliación del sistema de drenaje pluvial en la colonia Emiliano Zapata Sur',
      description: 'Perforación de 38 pozos de absorción, rejillas y registros, y renivelación de calles para desalojar el agua de lluvia en 24 manzanas.',
      purpose: 'Evitar las inundaciones que cada temporada de lluvias afectan viviendas y comercios de la colonia.',
      status: 'implementation', type: 'expansion', sector: ['waterAndWaste'],
      sdg: { id: '6', description: 'Agua limpia y saneamiento' },
      location: { description: 'Colonia Emiliano Zapata Sur, sectores II y III', lng: -89.618, lat: 20.929, address: { streetAddress: 'Calle 127 entre 46 y 54, Col. Emiliano Zapata Sur', locality: 'Mérida', region: YUC, postalCode: '97297' } },
      budget: 36800000, budgetDescription: 'Recursos federales del FISMDF 2025.',
      requestDate: '2024-09-09', approvalDate: '2025-01-06', start: '2025-01-13', end: '2025-12-19',
      processes: [
        {
          localId: 'DOP-LP-OP-001-2025', stage: 'implementation', method: 'Licitación pública', category: 'works', nature: ['construction'],
          title: 'Ampliación del drenaje pluvial con pozos de absorción en Emiliano Zapata Sur',
          description: 'Perforación de pozos de absorción, construcción de rejillas, registros y renivelación de calles.',
          rationale: 'El atlas municipal de riesgos clasifica la colonia como zona de inundación recurrente.',
          planningDate: '2025-01-20', budget: 35500000, estimate: 34700000, award: 33118764.9,
          item: { code: '61400319', catalogue: 'Ampliacion de red de alcantarillado', unit: 'Obra', description: 'Pozos de absorción pluvial y obras de captación' },
          tenderers: [SAC_NICTE, XCANATUN, MAYAB, CHENKU], durationDays: 240, paidShare: 0.38,
          guarantor: AFIANZADORA, official: OFFICIAL,
          budgetKey: '2025-MID-DOP-K005-61403-25', fund: FISM,
        },
      ],
    },
    {
      localId: 'MID-2024-004',
      title: 'Construcción del paso superior vehicular en el Anillo Periférico y la calle 50 Sur',
      description: 'Paso superior de cuatro carriles y 480 m de longitud sobre el Anillo Periférico, con rampas, iluminación y cruces peatonales.',
      purpose: 'Eliminar el cruce semaforizado con mayor congestión del sur de la ciudad.',
      status: 'cancelled', type: 'construction', sector: ['transport.road'],
      location: { description: 'Cruce del Anillo Periférico con la calle 50 Sur', lng: -89.6065, lat: 20.908, address: { streetAddress: 'Anillo Periférico y calle 50 Sur', locality: 'Mérida', region: YUC, postalCode: '97285' } },
      budget: 210000000, budgetDescription: 'Inversión prevista con recursos municipales y estatales.',
      requestDate: '2024-03-04', approvalDate: '2024-07-29', start: '2024-08-05', end: '2025-12-31',
      cancellationDetails: 'El Cabildo canceló el proyecto al reasignarse los recursos al programa de drenaje pluvial tras las inundaciones de 2024.',
      processes: [
        {
          localId: 'DOP-LP-OP-009-2024', stage: 'cancelled', method: 'Licitación pública', category: 'works', nature: ['construction'],
          title: 'Construcción del paso superior vehicular Periférico – calle 50 Sur',
          description: 'Obra civil, estructura, pavimentos, alumbrado y señalamiento del paso superior vehicular.',
          rationale: 'El cruce registra demoras de más de 15 minutos en horas pico.',
          planningDate: '2024-09-02', budget: 205000000, estimate: 198000000,
          item: { code: '61500105', catalogue: 'Construccion de pasos a desnivel', unit: 'Obra', description: 'Construcción de paso superior vehicular' },
          tenderers: [], durationDays: 420,
          cancellation: 'Se cancela la licitación antes de la junta de aclaraciones por la reasignación presupuestal aprobada por el Cabildo.',
          budgetKey: '2024-MID-DOP-K003-61501-14', fund: OWN,
        },
      ],
    },
  ],
};
