/** Fictional municipal implementer: the municipality of Tuxtla Gutiérrez, Chiapas (America/Mexico_City). */
import { AFIANZADORA } from './national-orgs';
import { company, person } from './parties';
import type { PublisherSpec } from './types';

const CHIS = 'Chiapas';
const TGZ = 'Tuxtla Gutiérrez';

const MUNICIPIO = company('MTG', '830101', 'S4', 'Municipio de Tuxtla Gutiérrez', {
  streetAddress: 'Av. Central Pte. 554, Col. Centro', locality: TGZ, region: CHIS, postalCode: '29000',
}, { name: 'Secretaría de Obras Públicas Municipales', email: 'obras.publicas@tuxtla.example', telephone: '+52 961 612 5511' });

const OFFICIAL = person('LONA', '820927', 'R7', { givenName: 'Adriana', patronymicName: 'López', matronymicName: 'Nucamendi' }, {
  streetAddress: 'Av. Central Pte. 554, Col. Centro', locality: TGZ, region: CHIS, postalCode: '29000',
}, { name: 'Ing. Adriana López Nucamendi', email: 'adriana.lopez@tuxtla.example', telephone: '+52 961 612 5540' });

const SUMIDERO = company('CCS', '060418', 'MA', 'Constructora Cañón del Sumidero, S.A. de C.V.', {
  streetAddress: 'Blvd. Belisario Domínguez 1750, Col. Xamaipak', locality: TGZ, region: CHIS, postalCode: '29060',
}, { name: 'Ing. Luis Alfonso Pineda Coutiño', email: 'concursos@canondelsumidero.example', telephone: '+52 961 615 2280' });

const MACTUMACTZA = company('GCM', '140709', 'Z5', 'Grupo Constructor Mactumactzá, S.A. de C.V.', {
  streetAddress: '1a. Sur Pte. 1520, Col. Centro', locality: TGZ, region: CHIS, postalCode: '29000',
}, { name: 'Ing. Verónica Albores Ruiz', email: 'licitaciones@mactumactza.example', telephone: '+52 961 613 9947' });

const GRIJALVA = company('IHG', '080225', 'D8', 'Infraestructura Hidráulica Grijalva, S.A. de C.V.', {
  streetAddress: 'Calzada al Sumidero 2300, Col. Bienestar Social', locality: TGZ, region: CHIS, postalCode: '29077',
}, { name: 'Ing. Ramiro Cruz Espinosa', email: 'obras@hidraulicagrijalva.example', telephone: '+52 961 618 4402' });

const ZOQUE = company('EAZ', '170130', 'W3', 'Electrificaciones y Alumbrado Zoque, S.A. de C.V.', {
  streetAddress: '5a. Norte Ote. 845, Col. Centro', locality: TGZ, region: CHIS, postalCode: '29000',
}, { name: 'Ing. Mariana Toledo Grajales', email: 'ventas.gobierno@alumbradozoque.example', telephone: '+52 961 611 7036' });

const COPOYA = company('ECO', '120920', 'N6', 'Edificaciones Copoya, S.A. de C.V.', {
  streetAddress: 'Av. Central 120, Copoya', locality: TGZ, region: CHIS, postalCode: '29100',
}, { name: 'Arq. Julio César Velázquez Moreno', email: 'contacto@edificacionescopoya.example', telephone: '+52 961 614 0519' });

const GOMEZ = person('GOAR', '790624', 'F2', { givenName: 'Rodrigo', patronymicName: 'Gómez', matronymicName: 'Albores' }, {
  streetAddress: '14a. Pte. Nte. 322, Col. Centro', locality: TGZ, region: CHIS, postalCode: '29000',
}, { name: 'Ing. Rodrigo Gómez Albores', email: 'rodrigo.gomez@supervisor.example', telephone: '+52 961 612 8843' });

const FISM = 'Fondo de Aportaciones para la Infraestructura Social Municipal (FISMDF)';
const OWN = 'Recursos propios municipales';

export const TUXTLA: PublisherSpec = {
  key: 'tuxtla-gutierrez',
  state: CHIS,
  settings: {
    publisherName: 'Municipio de Tuxtla Gutiérrez',
    ocidPrefix: 'ocds-tgz001',
    projectIdPrefix: 'oc4ids-tgz001',
    licenseUrl: 'https://creativecommons.org/licenses/by/4.0/',
    publicationPolicyUrl: 'https://transparencia.tuxtla.example/datos-abiertos/politica-de-publicacion',
    timeZone: 'America/Mexico_City',
  },
  authority: MUNICIPIO,
  treasury: MUNICIPIO,
  documentHost: 'transparencia.tuxtla.example',
  law: 'Ley de Obra Pública del Estado de Chiapas',
  projects: [
    {
      localId: 'TGZ-2024-001',
      title: 'Construcción de la red de distribución de agua potable en la colonia Plan de Ayala, sector norte',
      description: 'Red de 7.8 km de tubería de PEAD, 620 tomas domiciliarias con medidor, tanque elevado de 250 m³ y rebombeo.',
      purpose: 'Dar servicio continuo de agua potable a 2,400 habitantes que hoy se abastecen con pipas.',
      status: 'implementation', type: 'construction', sector: ['waterAndWaste'],
      sdg: { id: '6', description: 'Agua limpia y saneamiento' },
      location: { description: 'Colonia Plan de Ayala, sector norte', lng: -93.148, lat: 16.766, address: { streetAddress: 'Calle Emiliano Zapata y 5a. Norte, Col. Plan de Ayala', locality: TGZ, region: CHIS, postalCode: '29110' } },
      budget: 48200000, budgetDescription: 'Recursos del FISMDF 2024–2025 con aportación municipal.',
      requestDate: '2024-05-06', approvalDate: '2024-08-26', start: '2024-09-02', end: '2025-10-31', assetLifetimeYears: 30,
      processes: [
        {
          localId: 'OP-LP-OP-014-2024', stage: 'implementation', method: 'Licitación pública', category: 'works', nature: ['construction'],
          title: 'Construcción de la red de agua potable en Plan de Ayala, sector norte',
          description: 'Suministro e instalación de tubería, tomas domiciliarias, tanque elevado y equipo de rebombeo.',
          rationale: 'El sector norte de la colonia carece de red de distribución y depende del reparto con pipas.',
          planningDate: '2024-10-28', budget: 46000000, estimate: 45300000, award: 43578209.66,
          item: { code: '61400203', catalogue: 'Construccion de red de agua potable', unit: 'Obra', description: 'Red de distribución de agua potable con tomas domiciliarias' },
          tenderers: [GRIJALVA, SUMIDERO, MACTUMACTZA, COPOYA], durationDays: 270, paidShare: 0.57,
          guarantor: AFIANZADORA, official: OFFICIAL,
          budgetKey: '2024-TGZ-SOP-K002-61402-25', fund: FISM,
        },
        {
          localId: 'OP-AD-SRO-004-2025', stage: 'implementation', method: 'Adjudicación directa', category: 'worksRelatedServices', nature: ['supervision'],
          title: 'Supervisión de la red de agua potable en Plan de Ayala',
          description: 'Supervisión técnica, pruebas de hermeticidad y control de estimaciones de la red de agua potable.',
          rationale: 'Se requiere verificar las pruebas hidrostáticas y la calidad de los materiales durante la obra.',
          planningDate: '2024-12-04', budget: 1400000, estimate: 1350000, award: 1296480,
          item: { code: '61900301', catalogue: 'Supervision de obras publicas', unit: 'Obra', description: 'Supervisión externa de obra hidráulica' },
          tenderers: [GOMEZ], durationDays: 270, paidShare: 0.5,
          budgetKey: '2025-TGZ-SOP-K002-62903-14', fund: OWN,
        },
      ],
    },
    {
      localId: 'TGZ-2023-002',
      title: 'Rehabilitación integral de la Escuela Primaria «Belisario Domínguez» en la colonia Terán',
      description: 'Reforzamiento de muros, impermeabilización, sustitución de instalaciones eléctricas y sanitarias, y rampas de accesibilidad en 10 aulas.',
      purpose: 'Garantizar condiciones seguras para 420 alumnos tras los daños del sismo de 2022.',
      status: 'completion', type: 'rehabilitation', sector: ['education'],
      sdg: { id: '4', description: 'Educación de calidad' },
      location: { description: 'Escuela Primaria «Belisario Domínguez», colonia Terán', lng: -93.1725, lat: 16.7505, address: { streetAddress: 'Calle Tulipanes 215, Col. Terán', locality: TGZ, region: CHIS, postalCode: '29050' } },
      budget: 7450000, budgetDescription: 'Recursos propios del programa municipal de escuelas dignas.',
      requestDate: '2023-01-16', approvalDate: '2023-04-10', start: '2023-04-17', end: '2023-10-31',
      completion: {
        endDateDetails: 'Las aulas se entregaron antes del inicio del ciclo escolar y el finiquito se pagó en octubre de 2023.',
        finalScope: 'Se rehabilitaron las 10 aulas, los sanitarios y la dirección.',
        finalScopeDetails: 'Sin cambios de alcance.',
        finalValueDetails: 'Monto pagado al contratista, incluido el finiquito.',
      },
      processes: [
        {
          localId: 'OP-IR-OP-012-2023', stage: 'concluded', method: 'Invitación a cuando menos tres personas', category: 'works', nature: ['construction'],
          title: 'Rehabilitación integral de la Escuela Primaria «Belisario Domínguez»',
          description: 'Reforzamiento estructural, impermeabilización e instalaciones de la escuela.',
          rationale: 'El dictamen de protección civil de 2022 restringió el uso de cuatro aulas por grietas en muros.',
          planningDate: '2023-05-08', budget: 7300000, estimate: 7100000, award: 6893120.44,
          item: { code: '61200217', catalogue: 'Rehabilitacion de escuela', unit: 'Obra', description: 'Rehabilitación integral de escuela primaria' },
          tenderers: [COPOYA, MACTUMACTZA, SUMIDERO], durationDays: 75, official: OFFICIAL,
          budgetKey: '2023-TGZ-SOP-K009-61202-14', fund: OWN,
        },
      ],
    },
    {
      localId: 'TGZ-2025-003',
      title: 'Pavimentación con concreto hidráulico de calles en la localidad de Copoya',
      description: 'Pavimentación de 2.1 km de calles con concreto hidráulico, guarniciones, banquetas y drenaje pluvial superficial.',
      purpose: 'Mejorar el acceso al poblado de Copoya y reducir el polvo y los encharcamientos.',
      status: 'preparation', type: 'construction', sector: ['transport.road'],
      location: { description: 'Calles del centro de Copoya', lng: -93.1265, lat: 16.7105, address: { streetAddress: 'Av. Central y calles aledañas, Copoya', locality: TGZ, region: CHIS, postalCode: '29100' } },
      budget: 21600000, budgetDescription: 'Recursos del FISMDF 2025.',
      requestDate: '2024-11-18', approvalDate: '2025-02-24', start: '2025-03-03', end: '2025-12-12',
      processes: [
        {
          localId: 'OP-IR-OP-006-2025', stage: 'award', method: 'Invitación a cuando menos tres personas', category: 'works', nature: ['construction'],
          title: 'Pavimentación con concreto hidráulico de calles en Copoya',
          description: 'Terracerías, base hidráulica, losa de concreto, guarniciones y banquetas.',
          rationale: 'Las calles de terracería quedan intransitables en temporada de lluvias.',
          planningDate: '2025-05-12', budget: 21000000, estimate: 20400000, award: 19742318.55,
          item: { code: '61700112', catalogue: 'Construccion de obra de pavimentacion', unit: 'Obra', description: 'Pavimentación con concreto hidráulico' },
          tenderers: [MACTUMACTZA, COPOYA, SUMIDERO], durationDays: 150, official: OFFICIAL,
          budgetKey: '2025-TGZ-SOP-K003-61401-25', fund: FISM,
        },
      ],
    },
    {
      localId: 'TGZ-2024-004',
      title: 'Sustitución de luminarias de vapor de sodio por tecnología LED en el Libramiento Norte',
      description: 'Sustitución de 1,150 luminarias por luminarias LED con telegestión a lo largo de 12 km del Libramiento Norte.',
      purpose: 'Reducir el consumo eléctrico del alumbrado público y mejorar la seguridad vial nocturna.',
      status: 'implementation', type: 'replacement', sector: ['energy'],
      sdg: { id: '7', description: 'Energía asequible y no contaminante' },
      location: { description: 'Libramiento Norte, del cruce con la 11a. Oriente al cruce con la 15a. Poniente', lng: -93.101, lat: 16.7725, address: { streetAddress: 'Libramiento Norte Oriente y Poniente', locality: TGZ, region: CHIS, postalCode: '29020' } },
      budget: 26900000, budgetDescription: 'Recursos propios municipales para eficiencia energética.',
      requestDate: '2024-06-03', approvalDate: '2024-09-09', start: '2024-09-16', end: '2025-08-29', assetLifetimeYears: 12,
      processes: [
        {
          localId: 'OP-IR-OP-010-2024', stage: 'implementation', method: 'Invitación a cuando menos tres personas', category: 'works', nature: ['construction'],
          title: 'Sustitución de luminarias por tecnología LED en el Libramiento Norte',
          description: 'Retiro de luminarias existentes, suministro e instalación de luminarias LED y sistema de telegestión.',
          rationale: 'El alumbrado del libramiento consume 38 % más energía que el promedio municipal y tiene 30 % de puntos apagados.',
          planningDate: '2024-10-07', budget: 26000000, estimate: 25600000, award: 24387552.8,
          item: { code: '61700108', catalogue: 'Construccion de obra de alumbrado', unit: 'Obra', description: 'Sustitución de luminarias por tecnología LED' },
          tenderers: [ZOQUE, SUMIDERO, MACTUMACTZA], durationDays: 240, paidShare: 0.64,
          guarantor: AFIANZADORA, official: OFFICIAL,
          budgetKey: '2024-TGZ-SOP-K011-61703-14', fund: OWN,
        },
      ],
    },
    {
      localId: 'TGZ-2025-005',
      title: 'Construcción del Centro de Salud Urbano en el fraccionamiento Los Laureles',
      description: 'Centro de salud de seis consultorios, curaciones, farmacia, sala de espera y área de promoción de la salud.',
      purpose: 'Atender a 18 mil habitantes del oriente de la ciudad sin servicios de salud cercanos.',
      status: 'implementation', type: 'construction', sector: ['health'],
      sdg: { id: '3', description: 'Salud y bienestar' },
      location: { description: 'Predio municipal en el fraccionamiento Los Laureles', lng: -93.0835, lat: 16.7455, address: { streetAddress: 'Calle Laurel de la India s/n, Fracc. Los Laureles', locality: TGZ, region: CHIS, postalCode: '29066' } },
      budget: 44500000, budgetDescription: 'Recursos del FISMDF 2025 con aportación municipal.',
      requestDate: '2024-07-15', approvalDate: '2024-11-18', start: '2024-11-25', end: '2025-12-19', assetLifetimeYears: 40,
      processes: [
        {
          localId: 'OP-LP-OP-002-2025', stage: 'implementation', method: 'Licitación pública', category: 'works', nature: ['construction'],
          title: 'Construcción del Centro de Salud Urbano en Los Laureles',
          description: 'Obra civil, instalaciones hidrosanitarias, eléctricas y de gases medicinales, y obras exteriores.',
          rationale: 'La unidad de salud más cercana está a 6 km y opera por encima de su capacidad.',
          planningDate: '2024-12-09', budget: 42800000, estimate: 41500000, award: 39864102.31,
          item: { code: '61200103', catalogue: 'Construccion de clinica o centro de salud', unit: 'Obra', description: 'Construcción de centro de salud urbano' },
          tenderers: [SUMIDERO, MACTUMACTZA, COPOYA, GRIJALVA], durationDays: 300, paidShare: 0.35,
          guarantor: AFIANZADORA, official: OFFICIAL, surveillance: ['citizenComptroller'],
          budgetKey: '2025-TGZ-SOP-K010-61201-25', fund: FISM,
        },
      ],
    },
  ],
};
