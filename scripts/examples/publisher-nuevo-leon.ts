/** Fictional state-government implementer: a state infrastructure secretariat in Nuevo León (America/Monterrey). */
import { AFIANZADORA } from './national-orgs';
import { company, person } from './parties';
import type { CucopItem, PublisherSpec } from './types';

const NL = 'Nuevo León';

const AUTHORITY = company('SIN', '211004', 'QA', 'Secretaría de Infraestructura del Gobierno de Nuevo León', {
  streetAddress: 'Av. Constitución 4000 Ote., Col. Centro', locality: 'Monterrey', region: NL, postalCode: '64000',
}, { name: 'Dirección de Concursos y Contratos', email: 'concursos@infraestructura.nuevoleon.example', telephone: '+52 81 2020 4100' });

const TREASURY = company('SFT', '851001', 'B5', 'Secretaría de Finanzas y Tesorería General del Estado de Nuevo León', {
  streetAddress: 'Calle Washington 2000 Ote., Col. Obrera', locality: 'Monterrey', region: NL, postalCode: '64010',
}, { name: 'Dirección de Egresos', email: 'egresos@finanzas.nuevoleon.example', telephone: '+52 81 2033 1500' });

const OFFICIAL = person('VIGM', '800214', 'LK', { givenName: 'Marcela', patronymicName: 'Villarreal', matronymicName: 'Garza' }, {
  streetAddress: 'Av. Constitución 4000 Ote., Col. Centro', locality: 'Monterrey', region: NL, postalCode: '64000',
}, { name: 'Ing. Marcela Villarreal Garza', email: 'marcela.villarreal@infraestructura.nuevoleon.example', telephone: '+52 81 2020 4137' });

const CUMBRES = company('CCN', '050314', 'H7', 'Constructora Cumbres del Norte, S.A. de C.V.', {
  streetAddress: 'Av. Paseo de los Leones 2150, Col. Cumbres', locality: 'Monterrey', region: NL, postalCode: '64610',
}, { name: 'Ing. Raúl Treviño Salinas', email: 'licitaciones@cumbresdelnorte.example', telephone: '+52 81 8311 4520' });

const ANAHUAC = company('PTA', '980722', 'KS', 'Pavimentos y Terracerías Anáhuac, S.A. de C.V.', {
  streetAddress: 'Av. Manuel L. Barragán 4820, Col. Anáhuac', locality: 'San Nicolás de los Garza', region: NL, postalCode: '66450',
}, { name: 'Ing. Sofía Cantú Elizondo', email: 'concursos@pavimentosanahuac.example', telephone: '+52 81 8376 0912' });

const HUASTECA = company('ICH', '110905', 'R2', 'Ingeniería Civil Huasteca, S.A. de C.V.', {
  streetAddress: 'Av. Lázaro Cárdenas 1200, Col. Valle Oriente', locality: 'San Pedro Garza García', region: NL, postalCode: '66269',
}, { name: 'Ing. Alberto Montemayor Ríos', email: 'obra.publica@ichuasteca.example', telephone: '+52 81 8363 7750' });

const TOPO_CHICO = company('GET', '030127', 'BQ', 'Grupo Edificador Topo Chico, S.A. de C.V.', {
  streetAddress: 'Av. Rómulo Garza 710, Col. Industrial', locality: 'San Nicolás de los Garza', region: NL, postalCode: '66470',
}, { name: 'Arq. Daniela Quiroga Leal', email: 'propuestas@edificadortopochico.example', telephone: '+52 81 8352 3380' });

const NORESTE = company('ECN', '070611', 'LM', 'Estructuras y Caminos del Noreste, S.A. de C.V.', {
  streetAddress: 'Carretera a Colombia km 8.5', locality: 'General Escobedo', region: NL, postalCode: '66050',
}, { name: 'Ing. Jorge Cavazos Peña', email: 'contacto@caminosnoreste.example', telephone: '+52 81 8058 2241' });

const SUPERVISION = company('SCO', '150610', 'T4', 'Supervisión y Control de Obra Regiomontana, S.C.', {
  streetAddress: 'Calle Padre Mier 825 Pte., Col. Centro', locality: 'Monterrey', region: NL, postalCode: '64000',
}, { name: 'Ing. Lorena Garza Villanueva', email: 'supervision@scoregiomontana.example', telephone: '+52 81 8340 6618' });

const VALLE_ALTO = company('PAV', '120403', 'J8', 'Proyectos Arquitectónicos Valle Alto, S.C.', {
  streetAddress: 'Calzada del Valle 330, Col. Del Valle', locality: 'San Pedro Garza García', region: NL, postalCode: '66220',
}, { name: 'Arq. Emilio Zambrano Ochoa', email: 'proyectos@vallealto.example', telephone: '+52 81 8378 1190' });

const GARZA = person('GATH', '740915', 'N3', { givenName: 'Héctor', patronymicName: 'Garza', matronymicName: 'Treviño' }, {
  streetAddress: 'Calle Hidalgo 418, Col. Centro', locality: 'Guadalupe', region: NL, postalCode: '67100',
}, { name: 'Ing. Héctor Garza Treviño', email: 'hector.garza@supervisor.example', telephone: '+52 81 8367 2254' });

const ROAD: CucopItem = { code: '61500103', catalogue: 'Construccion carretera', unit: 'Obra', description: 'Ampliación de cuerpos carreteros, terracerías, pavimento asfáltico, drenaje y señalamiento' };
const SUPERVISION_ITEM: CucopItem = { code: '61900301', catalogue: 'Supervision de obras publicas', unit: 'Obra', description: 'Supervisión técnica, administrativa y de control de calidad de la obra' };

export const NUEVO_LEON: PublisherSpec = {
  key: 'nuevo-leon',
  state: NL,
  settings: {
    publisherName: 'Secretaría de Infraestructura del Gobierno de Nuevo León',
    ocidPrefix: 'ocds-nl0001',
    projectIdPrefix: 'oc4ids-nl0001',
    licenseUrl: 'https://creativecommons.org/licenses/by/4.0/',
    publicationPolicyUrl: 'https://infraestructura.nuevoleon.example/datos-abiertos/politica-de-publicacion',
    timeZone: 'America/Monterrey',
  },
  authority: AUTHORITY,
  treasury: TREASURY,
  documentHost: 'infraestructura.nuevoleon.example',
  law: 'Ley de Obras Públicas para el Estado y Municipios de Nuevo León',
  projects: [
    {
      localId: 'NL-2023-001',
      title: 'Ampliación a seis carriles de la carretera Monterrey–García, tramo km 12+000 al km 21+500',
      description: 'Ampliación de cuatro a seis carriles de 9.5 km de la carretera estatal Monterrey–García, con acotamientos, retornos, alumbrado, drenaje pluvial y un puente peatonal.',
      purpose: 'Reducir los tiempos de traslado y los accidentes en el corredor poniente del área metropolitana de Monterrey.',
      status: 'implementation', type: 'expansion', sector: ['transport.road'],
      sdg: { id: '9', description: 'Industria, innovación e infraestructura' },
      location: { description: 'Carretera Monterrey–García, del km 12+000 al km 21+500', lng: -100.4789, lat: 25.7823, address: { streetAddress: 'Carretera Monterrey–García km 12+000 al 21+500', locality: 'García', region: NL, postalCode: '66000' } },
      budget: 1284500000, budgetDescription: 'Inversión autorizada en el Programa de Inversión Pública del Estado para 2023–2025.',
      requestDate: '2022-11-14', approvalDate: '2023-02-20', start: '2023-03-01', end: '2025-12-15', assetLifetimeYears: 30,
      processes: [
        {
          localId: 'SI-LP-OP-004-2023', stage: 'implementation', method: 'Licitación pública', category: 'works', nature: ['construction'],
          title: 'Ampliación de la carretera Monterrey–García, tramo km 12+000 al km 21+500',
          description: 'Obra pública a precios unitarios y tiempo determinado para ampliar a seis carriles el tramo km 12+000 al km 21+500.',
          rationale: 'El tramo opera por encima de su capacidad, con más de 60 mil vehículos diarios y un alto índice de accidentes.',
          planningDate: '2023-03-15', budget: 1190000000, estimate: 1150000000, award: 1098734512.64,
          item: ROAD, tenderers: [CUMBRES, ANAHUAC, HUASTECA, TOPO_CHICO, NORESTE], durationDays: 870, paidShare: 0.68,
          guarantor: AFIANZADORA, official: OFFICIAL, surveillance: ['socialWitness', 'internalControlUnit'],
          amendment: { date: '2025-03-10', extraDays: 45, rationale: 'Reubicación de líneas de agua potable y gas que interferían con el trazo.', description: 'Convenio modificatorio que amplía el plazo de ejecución 45 días naturales sin modificar el monto.' },
          budgetKey: '2023-21-07-K012-61501-11', fund: 'Recursos estatales del Programa de Inversión Pública',
        },
        {
          localId: 'SI-IR-SRO-011-2023', stage: 'implementation', method: 'Invitación a cuando menos tres personas', category: 'worksRelatedServices', nature: ['supervision'],
          title: 'Supervisión externa de la ampliación de la carretera Monterrey–García',
          description: 'Servicios de supervisión técnica, administrativa y de control de calidad de la ampliación del tramo km 12+000 al km 21+500.',
          rationale: 'La magnitud de la obra exige supervisión externa permanente durante toda su ejecución.',
          planningDate: '2023-04-03', budget: 40000000, estimate: 38450120, award: 36912480,
          item: SUPERVISION_ITEM, tenderers: [SUPERVISION, VALLE_ALTO, GARZA], durationDays: 880, paidShare: 0.62, official: OFFICIAL,
          budgetKey: '2023-21-07-K012-62903-11', fund: 'Recursos estatales del Programa de Inversión Pública',
        },
      ],
    },
    {
      localId: 'NL-2024-002',
      title: 'Construcción del Centro de Salud con Servicios Ampliados en Juárez, Nuevo León',
      description: 'Centro de salud de 2,800 m² con consulta externa, urgencias de primer contacto, laboratorio, rayos X y sala de partos de bajo riesgo.',
      purpose: 'Acercar atención médica de primer nivel ampliado a más de 120 mil habitantes del oriente del municipio de Juárez.',
      status: 'implementation', type: 'construction', sector: ['health'],
      sdg: { id: '3', description: 'Salud y bienestar' },
      location: { description: 'Predio estatal en la colonia Valle de San Roberto', lng: -100.0951, lat: 25.6478, address: { streetAddress: 'Av. Eloy Cavazos s/n, Col. Valle de San Roberto', locality: 'Juárez', region: NL, postalCode: '67267' } },
      budget: 186400000, budgetDescription: 'Inversión estatal con aportación del fondo federal de infraestructura social para salud.',
      requestDate: '2023-10-16', approvalDate: '2024-01-08', start: '2024-01-15', end: '2025-12-31', assetLifetimeYears: 40,
      processes: [
        {
          localId: 'SI-AD-SRO-002-2024', stage: 'concluded', method: 'Adjudicación directa', category: 'worksRelatedServices', nature: ['design'],
          title: 'Proyecto ejecutivo del Centro de Salud con Servicios Ampliados en Juárez',
          description: 'Elaboración del proyecto arquitectónico, estructural y de instalaciones, con catálogo de conceptos y presupuesto base.',
          rationale: 'Se requiere el proyecto ejecutivo para licitar la construcción del centro de salud.',
          planningDate: '2024-01-22', budget: 1600000, estimate: 1530000, award: 1482600,
          item: { code: '61200122', catalogue: 'Estudios de preinversion y/o preparacion del proyecto para construccion de edificio de salud', unit: 'Obra', description: 'Proyecto ejecutivo integral del centro de salud' },
          tenderers: [VALLE_ALTO], durationDays: 120,
          budgetKey: '2024-21-07-K018-62905-11', fund: 'Recursos estatales del Programa de Inversión Pública',
        },
        {
          localId: 'SI-LP-OP-009-2025', stage: 'contract', method: 'Licitación pública', category: 'works', nature: ['construction'],
          title: 'Construcción del Centro de Salud con Servicios Ampliados en Juárez',
          description: 'Obra civil, instalaciones y acabados del centro de salud conforme al proyecto ejecutivo.',
          rationale: 'La población del oriente de Juárez se atiende hoy en unidades saturadas a más de 40 minutos de distancia.',
          planningDate: '2025-04-21', budget: 178000000, estimate: 170000000, award: 162873945.18,
          item: { code: '61200103', catalogue: 'Construccion de clinica o centro de salud', unit: 'Obra', description: 'Construcción del centro de salud con servicios ampliados' },
          tenderers: [TOPO_CHICO, CUMBRES, HUASTECA, NORESTE], durationDays: 180,
          guarantor: AFIANZADORA, official: OFFICIAL, surveillance: ['internalControlUnit'],
          budgetKey: '2025-21-07-K018-61201-25', fund: 'Fondo de Aportaciones para la Infraestructura Social Estatal (FISE)',
        },
      ],
    },
    {
      localId: 'NL-2022-003',
      title: 'Rehabilitación del puente vehicular Morones Prieto sobre el río Santa Catarina',
      description: 'Sustitución de juntas de dilatación y apoyos, reforzamiento de pilas, nueva carpeta asfáltica y barandales del puente de 320 m.',
      purpose: 'Recuperar la seguridad estructural de un cruce que usan 85 mil vehículos al día.',
      status: 'completion', type: 'rehabilitation', sector: ['transport.road', 'transport.urban'],
      location: { description: 'Puente de la avenida Morones Prieto sobre el río Santa Catarina', lng: -100.3247, lat: 25.6668, address: { streetAddress: 'Av. Ignacio Morones Prieto y Av. Gonzalitos', locality: 'Monterrey', region: NL, postalCode: '64480' } },
      budget: 96500000, budgetDescription: 'Recursos estatales para conservación de puentes urbanos.',
      requestDate: '2022-02-14', approvalDate: '2022-04-25', start: '2022-05-02', end: '2023-08-31', assetLifetimeYears: 25,
      completion: {
        endDateDetails: 'Los trabajos terminaron en el plazo contratado; el cierre administrativo se formalizó con el finiquito de obra y de supervisión.',
        finalScope: 'Se rehabilitaron los 320 m del puente conforme al proyecto.',
        finalScopeDetails: 'Sin cambios de alcance; se sustituyeron 14 juntas de dilatación y 56 apoyos de neopreno.',
        finalValueDetails: 'Suma de los pagos de obra y de supervisión; el ahorro respecto del presupuesto se reintegró a la Tesorería.',
      },
      processes: [
        {
          localId: 'SI-LP-OP-017-2022', stage: 'concluded', method: 'Licitación pública', category: 'works', nature: ['construction'],
          title: 'Rehabilitación estructural del puente Morones Prieto',
          description: 'Reforzamiento de pilas y cabezales, sustitución de juntas y apoyos, carpeta asfáltica y barandales.',
          rationale: 'La inspección de 2021 calificó el puente con daño estructural moderado que requiere atención inmediata.',
          planningDate: '2022-05-09', budget: 90500000, estimate: 88900000, award: 84215307.52,
          item: { code: '61500209', catalogue: 'Rehabilitacion de puente', unit: 'Obra', description: 'Rehabilitación estructural del puente vehicular' },
          tenderers: [HUASTECA, CUMBRES, NORESTE, ANAHUAC], durationDays: 300,
          guarantor: AFIANZADORA, official: OFFICIAL, surveillance: ['internalControlUnit'],
          budgetKey: '2022-21-07-K014-61502-11', fund: 'Recursos estatales para conservación de puentes',
        },
        {
          localId: 'SI-AD-SRO-021-2022', stage: 'concluded', method: 'Adjudicación directa', category: 'worksRelatedServices', nature: ['supervision'],
          title: 'Supervisión de la rehabilitación del puente Morones Prieto',
          description: 'Supervisión técnica y control de calidad de los trabajos de rehabilitación del puente.',
          rationale: 'Se requiere supervisión especializada en estructuras durante la rehabilitación.',
          planningDate: '2022-06-13', budget: 4200000, estimate: 4100000, award: 3947820,
          item: SUPERVISION_ITEM, tenderers: [GARZA], durationDays: 300,
          budgetKey: '2022-21-07-K014-62903-11', fund: 'Recursos estatales para conservación de puentes',
        },
      ],
    },
    {
      localId: 'NL-2025-004',
      title: 'Construcción de la Escuela Secundaria General en Ciénega de Flores',
      description: 'Escuela secundaria de 12 aulas, laboratorio, taller de cómputo, biblioteca, cancha techada y sanitarios.',
      purpose: 'Atender la demanda de educación secundaria de los nuevos fraccionamientos del norte del área metropolitana.',
      status: 'preparation', type: 'construction', sector: ['education'],
      sdg: { id: '4', description: 'Educación de calidad' },
      location: { description: 'Predio donado por el municipio en el fraccionamiento Valle de los Encinos', lng: -100.1707, lat: 25.9539, address: { streetAddress: 'Calle Encino Rojo s/n, Fracc. Valle de los Encinos', locality: 'Ciénega de Flores', region: NL, postalCode: '65550' } },
      budget: 58900000, budgetDescription: 'Recursos estatales para infraestructura educativa 2025.',
      requestDate: '2024-11-11', approvalDate: '2025-03-24', start: '2025-04-01', end: '2025-12-19',
      processes: [
        {
          localId: 'SI-LP-OP-012-2025', stage: 'tender', method: 'Licitación pública', category: 'works', nature: ['construction'],
          title: 'Construcción de la Escuela Secundaria General en Ciénega de Flores',
          description: 'Obra civil, instalaciones y obras exteriores de la escuela secundaria.',
          rationale: 'Más de 900 egresados de primaria al año en la zona no encuentran lugar en secundarias cercanas.',
          planningDate: '2025-05-12', budget: 54000000, estimate: 52300000,
          item: { code: '61200111', catalogue: 'Construccion de escuela', unit: 'Obra', description: 'Construcción de escuela secundaria de 12 aulas' },
          tenderers: [TOPO_CHICO, CUMBRES, NORESTE], durationDays: 180, official: OFFICIAL,
          budgetKey: '2025-21-07-K016-61201-11', fund: 'Recursos estatales para infraestructura educativa',
        },
      ],
    },
    {
      localId: 'NL-2025-005',
      title: 'Sustitución de la cubierta del Auditorio Estatal del Deporte en Guadalupe',
      description: 'Retiro de la cubierta de lámina dañada y colocación de una nueva cubierta metálica aislada de 4,200 m², con canalones y bajantes.',
      purpose: 'Reabrir un recinto deportivo cerrado por filtraciones que dañan la duela y las instalaciones eléctricas.',
      status: 'identification', type: 'replacement', sector: ['cultureSportsAndRecreation'],
      location: { description: 'Auditorio Estatal del Deporte', lng: -100.2431, lat: 25.6769, address: { streetAddress: 'Av. Pablo Livas 2500, Col. Valle de la Silla', locality: 'Guadalupe', region: NL, postalCode: '67190' } },
      budget: 24750000, budgetDescription: 'Monto estimado en la ficha de identificación del proyecto.',
      requestDate: '2025-03-03', approvalDate: '2025-06-09', start: '2025-08-01', end: '2025-12-31',
      processes: [
        {
          localId: 'SI-IR-OP-019-2025', stage: 'planning', method: 'Invitación a cuando menos tres personas', category: 'works', nature: ['construction'],
          title: 'Sustitución de la cubierta del Auditorio Estatal del Deporte',
          description: 'Desmontaje de la cubierta existente y suministro e instalación de cubierta metálica aislada.',
          rationale: 'Las filtraciones obligaron a suspender el uso del auditorio desde la temporada de lluvias de 2024.',
          planningDate: '2025-06-16', budget: 23500000, estimate: 22800000,
          item: { code: '61200215', catalogue: 'Rehabilitacion de edificio de entretenimiento publico', unit: 'Obra', description: 'Sustitución de cubierta metálica del auditorio' },
          tenderers: [], durationDays: 120,
          budgetKey: '2025-21-07-K020-61202-11', fund: 'Recursos estatales del Programa de Inversión Pública',
        },
      ],
    },
  ],
};
