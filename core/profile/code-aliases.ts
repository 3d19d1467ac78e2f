/**
 * Codes Mexican publications and officials write another way than the codelist we publish, read as the listed code.
 * - The paymentMethod extension that EDCA-MX packages declare lists a bank transfer as `wireTransfe` (sic); INAI's
 *   capture tool published `wireTransfer`. Both mean the same payment, so a sheet or an import that brings the tool's
 *   spelling gets the extension's code instead of an «off the list» warning on every payment.
 * - What officials type for an option that has one meaning only: the currency as Mexican documents name it («pesos»,
 *   «M.N.», moneda nacional: ISO 4217 MXN), a legal personality without «Persona», the abbreviations of the three
 *   procedures of the Ley de Obras Públicas (LP, I3P / ITP, AD) and a project «en ejecución» / «concluido». Each was
 *   refused as «no es una opción de la lista», or kept off the list; «en proceso», which could be more than one
 *   stage, still is; «servicios relacionados con la obra» (or «… con las mismas», as the law says), off the list
 *   with a warning, and so published as typed, a category no reader counts. A party's role «autoridad pública», as OC4IDS's Spanish edition and INAI's capture tool name
 *   `publicAuthority` (our template titles it «Dependencia o entidad responsable del proyecto»), and the tool's «emisor
 *   del pago» / «receptor de pago» (payer, payee), were kept off the list with a warning. The tool's «área requirente»
 *   (buyer there) is not read so: in a process it may be the requesting unit.
 * - What INAI's capture tool offered that OC4IDS 0.9.5 and the exchangeRate extension do not list (rules.md R-55,
 *   R-31), read as the listed code that holds it, as OCDS asks of an open list when one of its codes fits. Project
 *   sectors `sports` and `recreation` (Deportes, Recreación) are within cultureSportsAndRecreation, `waste`
 *   (Residuos) within waterAndWaste, `security` (Seguridad) within governance, whose description names local security,
 *   prisons and defence; each was published as typed, a sector the dashboard and OC4IDS readers count apart. The
 *   tool's other sector names (Agua, Cultura, Gobernanza, Habitacional…) are the short form of one of ours. Project
 *   status `completed` (Terminado: closeout done), which 0.9.5 folds into completion, as the import already does
 *   (core/import/upgrade.ts); the status list is closed, so it was refused. An exchange rate taken from Banxico
 *   (`centralBank`), whose FIX is the market rate of the date it gives: `market`. The tool's «Otras» (`others`) says
 *   nothing a code could, and stays a value off the list.
 * - The labels INAI's capture tool showed for its closed drop-downs and its other lists (captured-fields-ocds.csv in
 *   ../shared/standards/edca-mx and the tool's catalogues), each the tool's name for one code of ours: a status in the
 *   feminine or masculine the tool gave it («Activa», «Cancelado», «No exitosa»), «Hitos de entrega» for a delivery
 *   milestone, a guarantee «Cheque», «Vicios ocultos». An official who pastes them (Google Sheets and pasting skip the
 *   drop-down) met «no es una opción de la lista» on every status, or had the label published as a code of its own.
 *   Left out where the label could mean more than one code: «Mixto» (written and electronic submission), the tool's
 *   «Sí»/«No» for a legal personality (the answer to its question, not a name), «Cadena de texto multilínea» (a
 *   LineString, read as a MultiLineString), «Auditor» (the tool's reviewBody, which reviews complaints, not accounts),
 *   «Ninguno» for a milestone's status (no status is a blank cell). Only labels of a few words, as anyone would write
 *   them: the tool's sentence-long labels (its related-process relationships, «Persona física o moral que …» roles) are
 *   its own wording, which this project does not copy (rules on the standards data); they stay values off the list.
 * Keys are lower case (codes are matched case-insensitively); a key without accents also matches the text written with
 * them (the cell is compared without accents too); older keys spell a written accent both ways.
 */
const CODE_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  paymentMethod: { wiretransfer: 'wireTransfe', 'transferencia bancaria': 'wireTransfe' },
  // «Dólares» alone stays off the list, as an option with more than one meaning (Canadian, Australian… dollars): its
  // message says to write USD. Named with their country, they have one.
  currency: {
    pesos: 'MXN', peso: 'MXN', 'pesos mexicanos': 'MXN', 'peso mexicano': 'MXN', 'm.n.': 'MXN', mn: 'MXN', 'moneda nacional': 'MXN',
    'dolares americanos': 'USD', 'dolar americano': 'USD', 'dolares estadounidenses': 'USD',
    'dolar estadounidense': 'USD', 'dolares de estados unidos': 'USD', 'dolares de los estados unidos': 'USD', 'us$': 'USD', 'usd$': 'USD',
  },
  legalPersonality: { moral: 'legalPerson', 'física': 'naturalPerson', fisica: 'naturalPerson' },
  // Also the public tender named by its reach, as the Ley de Obras Públicas (art. 30) and CompraNet name it in every
  // notice: «Licitación Pública Nacional» (LPN), «Internacional» (LPI), «Internacional Abierta» or «bajo la cobertura
  // de tratados»: each is a licitación pública, the only one of the three options it can be, and was refused as
  // «no es una opción de la lista». The invitation with the number in digits, as notices write it.
  'mx/procurementMethodDetails': {
    lp: 'Licitación pública', i3p: 'Invitación a cuando menos tres personas', itp: 'Invitación a cuando menos tres personas', ad: 'Adjudicación directa',
    lpn: 'Licitación pública', lpi: 'Licitación pública', 'licitacion publica nacional': 'Licitación pública',
    'licitacion publica internacional': 'Licitación pública', 'licitacion publica internacional abierta': 'Licitación pública',
    'licitacion publica internacional bajo la cobertura de tratados': 'Licitación pública',
    'invitacion a cuando menos 3 personas': 'Invitación a cuando menos tres personas',
  },
  partyRole: {
    'autoridad pública': 'publicAuthority', 'autoridad publica': 'publicAuthority', 'emisor del pago': 'payer', 'receptor de pago': 'payee', 'receptor del pago': 'payee',
    'entidad compradora': 'buyer',
    // OCDS's Spanish edition names supplier and payee «Proveedor» and «Beneficiario» (our titles add «o contratista»,
    // «del pago»): typed so, the role was published as the word, and the award's supplier was said to lack the role.
    proveedor: 'supplier', contratista: 'supplier', beneficiario: 'payee',
  },
  projectStatus: {
    'en ejecución': 'implementation', 'en ejecucion': 'implementation', concluido: 'completion', concluida: 'completion',
    completed: 'completion', terminado: 'completion', terminada: 'completion', 'terminación': 'completion', terminacion: 'completion',
    'implementación': 'implementation', implementacion: 'implementation',
  },
  // A process summary's status `active` was titled «Vigente (en ejecución)» until the title said what OC4IDS 0.9.5
  // means by it (a contract awarded, not all contracts ended: no execution yet, as the dashboard's «Contratación»):
  // the sheets filled with the earlier drop-down keep that title.
  contractingProcessStatus: { 'vigente (en ejecución)': 'active', 'vigente (en ejecucion)': 'active' },
  projectSector: {
    sports: 'cultureSportsAndRecreation', deportes: 'cultureSportsAndRecreation', recreation: 'cultureSportsAndRecreation',
    'recreación': 'cultureSportsAndRecreation', recreacion: 'cultureSportsAndRecreation', cultura: 'cultureSportsAndRecreation',
    waste: 'waterAndWaste', residuos: 'waterAndWaste', agua: 'waterAndWaste',
    security: 'governance', seguridad: 'governance', gobernanza: 'governance',
    habitacional: 'socialHousing', comunicaciones: 'communications',
    'transporte carretero': 'transport.road', 'transporte marítimo': 'transport.water', 'transporte maritimo': 'transport.water',
    'transporte urbano': 'transport.urban',
    // OC4IDS's Spanish edition calls roads «Transporte terrestre»; «por carretera» is how a road works file says it.
    'transporte terrestre': 'transport.road', 'transporte por carretera': 'transport.road',
  },
  // The short names officials give the documents of a Mexican procedure (the capture tool listed them so: Finiquito,
  // Contrato, Convocatoria, Requisición…), each the one document type our title names at greater length; the column
  // is an open list, so «Finiquito» was published as a type of its own that no stage or key-document check knows.
  documentType: {
    finiquito: 'settlement', contrato: 'contractSigned', convocatoria: 'tenderNotice', 'invitación': 'tenderNotice', invitacion: 'tenderNotice',
    fallo: 'awardNotice', 'acta de fallo': 'awardNotice', 'requisición': 'request', requisicion: 'request',
    'acta de junta de aclaraciones': 'clarifications', 'acta de entrega-recepción': 'physicalReception', 'acta de entrega-recepcion': 'physicalReception',
    bases: 'biddingDocuments', 'bases de licitación': 'biddingDocuments', 'bases de licitacion': 'biddingDocuments',
    'proposición ganadora': 'winningBid', 'proposicion ganadora': 'winningBid', 'anexos del contrato': 'contractAnnexe',
    'avance físico': 'physicalProgressReport', 'avance fisico': 'physicalProgressReport', 'avance financiero': 'financialProgressReport',
    // Nuevo León's projects (real-mx) published two of OC4IDS's codes misspelled; validation showed the official an
    // English word «landAndSettlementEvaluation» off the list, which no option of the drop-down resembles.
    landandsettlementevaluation: 'landAndSettlementImpact', evaluationreport: 'evaluationReports',
    // The short names the capture tool's document-type catalogues gave (EDCA-MX's and EDCAPI's), each the type our
    // title names in other words. Typed as the official knew them, «Justificación de la contratación» or «Plan de
    // proyecto» was a type of its own, and the key-document check said the process lacked the justification and the
    // project plan it had. Left out: «Anexo del contrato» (the tool's contractSchedule, a letter from «Anexos del
    // contrato», its contractAnnexe) and the names of more than four words, the tool's own sentences.
    'aviso de audiencia publica': 'hearingNotice', 'justificacion de la contratacion': 'needsAssessment', 'documento de necesidades': 'needsAssessment',
    'plan de proyecto': 'projectPlan', 'plan financiero': 'projectPlan', 'actualizacion al plan financiero': 'projectPlanUpdate',
    'proyecto de convocatoria': 'procurementPlan', 'anexos de la convocatoria': 'biddingDocuments', 'conflicto de intereses': 'conflictOfInterest',
    'criterios de elegibilidad': 'eligibilityCriteria', 'criterios de evaluacion': 'evaluationCriteria', 'empresas preseleccionadas': 'shortlistedFirms',
    'especificacion de cantidades': 'billOfQuantity', 'informacion del licitante': 'bidders', inhabilitaciones: 'debarments',
    'quejas y aclaraciones': 'complaints', 'datos relevantes del contrato': 'contractNotice', 'garantias del contrato': 'contractGuarantees',
    garantias: 'contractGuarantees', 'texto del contrato': 'contractText', 'conclusion de la auditoria': 'finalAudit',
    'informe de avance financiero': 'financialProgressReport', 'informe de avance fisico': 'physicalProgressReport',
    'convocatoria o invitacion': 'tenderNotice', 'acta de fallo (desierto)': 'unsuccessfulProcedureNotice', 'notificacion de la adjudicacion': 'awardNotice',
    'dictamen de cumplimiento': 'completionCertificate', 'documentos de envio': 'submissionDocuments', 'detalles de cancelacion': 'cancellationDetails',
    'comunicado de la suspension': 'suspensionNotice', 'reporte de transferencias': 'transferReport',
    'descripcion de los servicios': 'serviceDescription', 'demanda estimada': 'estimatedDemand', 'borrador de contrato': 'contractDraft',
    'evaluacion de impacto ambiental': 'environmentalImpact', 'solicitud de calificacion': 'requestForQualification', minutas: 'minutes',
    'parametros de la negociacion': 'negotiationParameters', 'reporte de evaluacion': 'evaluationReports', incumplimientos: 'defaultEvents',
    'informe de desempeno': 'performanceReport', 'evaluacion de proyecto': 'projectEvaluation', 'aprobacion del presupuesto': 'budgetApproval',
    imagen: 'illustration', 'reportes de progreso': 'progressionReport',
  },
  // R-54: the tool published a related project's scheme as «oc4i ID» (0.9.5's code is oc4ids), and offered OCDS's
  // «ocid» as «Open Contracting ID».
  relatedProjectScheme: { 'oc4i id': 'oc4ids', oc4i: 'oc4ids' },
  relatedProcessScheme: { 'open contracting id': 'ocid' },
  exchangeRateSource: { centralbank: 'market', banxico: 'market', 'banco de méxico': 'market', 'banco de mexico': 'market', contrato: 'contract' },
  // The capture tool's labels (see above), without accents.
  tenderStatus: { planeada: 'planned', activa: 'active', cancelada: 'cancelled', 'no exitosa': 'unsuccessful', concluida: 'complete', retirada: 'withdrawn' },
  awardStatus: { activo: 'active', cancelado: 'cancelled', 'no exitoso': 'unsuccessful' },
  contractStatus: { pendiente: 'pending', activo: 'active' },
  implementationStatus: { 'en planeacion': 'planning', 'en progreso': 'ongoing', terminado: 'concluded', 'en finiquito': 'concluded' },
  milestoneType: {
    'hitos de aprobacion': 'approval', 'hitos de entrega': 'delivery', 'hitos de evaluacion': 'assessment', 'hitos de financiamiento': 'financing',
    'hitos de involucramiento': 'engagement', 'hitos de reporte': 'reporting', 'hitos previos a la contratacion': 'preProcurement',
  },
  milestoneStatus: { 'parcialmente cumplido': 'partiallyMet' },
  guaranteeType: { cheque: 'check' },
  guaranteedObligations: { cumplimiento: 'fulfillment', 'vicios ocultos': 'latentDefects' },
  method: { abierta: 'open', directa: 'direct', selectiva: 'selective' },
  // The Ley de Obras Públicas y Servicios Relacionados con las Mismas names the two; officials shorten the second.
  extendedProcurementCategory: {
    'obras publicas': 'works', 'servicios relacionados con obras publicas': 'worksRelatedServices', 'servicios relacionados con la obra publica': 'worksRelatedServices',
    'servicios relacionados con obra publica': 'worksRelatedServices', 'servicios relacionados con la obra': 'worksRelatedServices',
    'servicios relacionados con las obras': 'worksRelatedServices', 'servicios relacionados con las mismas': 'worksRelatedServices',
  },
  awardCriteria: { 'costo beneficio': 'bestValueToGovernment', 'puntos y porcentajes': 'ratedCriteria', 'unica oferta': 'singleBidOnly' },
  submissionMethod: { 'subasta eletronica': 'electronicAuction' },
  contactPointType: { 'punto de contacto': 'contactPoint', 'representante legal o apoderado': 'attorney', abogado: 'attorney' },
  geometryType: { multipunto: 'MultiPoint', multipoligono: 'MultiPolygon' },
  projectType: { reemplazo: 'replacement', expansion: 'expansion' },
  relatedProject: {
    'proyecto de construccion': 'construction', 'proyecto de rehabilitacion': 'rehabilitation', 'proyecto de reemplazo': 'replacement',
    'proyecto de expansion': 'expansion',
  },

  relatedProcess: { 'el proceso de planeacion': 'planning', 'el contrato principal': 'parent', 'un procedimiento previo': 'prior' },
  releaseTag: {
    'actualizacion de licitacion': 'tenderUpdate', 'actualizacion de la ejecucion': 'implementationUpdate',
  },
};

/** The listed code `text` is another spelling of, in `codelist`; undefined if none. */
export function codeAlias(codelist: string | undefined, text: string): string | undefined {
  const aliases = codelist === undefined || !Object.prototype.hasOwnProperty.call(CODE_ALIASES, codelist) ? undefined : CODE_ALIASES[codelist];
  // Own keys only: a cell reading «__proto__» or «constructor» found the object's inherited members, and the sheet
  // failed as a whole (sheet.internal-error) instead of that cell getting its «not on the list» finding.
  const key = text.toLowerCase();
  return aliases !== undefined && Object.prototype.hasOwnProperty.call(aliases, key) ? aliases[key] : undefined;
}
