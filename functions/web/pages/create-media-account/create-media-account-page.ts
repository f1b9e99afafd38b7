/**
 * /create-media-account: the public form a journalist applies for a verified media account with (no sign-in): full
 * name, email, employer, a proof of ID (JPG, PNG or PDF up to 2 MB, recognised from its bytes) and the terms. Each
 * problem is in the GOV.UK error summary linked to its field. A valid form stores the file privately and the
 * application PENDING (shared/media-accounts), is audited, and goes on (303) to /create-media-account/submitted,
 * "Details submitted". A second pending application for the same email is refused on the email field; past the
 * hourly limit the form says to try later (429) and stores nothing.
 */
import { storableText } from '../../../../shared/audit/audit-log.js';
import { logEvent } from '../../../../shared/logging/log-event.js';
import { checkProofOfId, type ProofOfIdProblem } from '../../../../shared/media-accounts/proof-of-id.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import { pageWithErrors, type PageRequest, type PageResult, type PageRoute } from '../../router.js';
import type { WebDependencies } from '../../web-dependencies.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

type ErrorKey = keyof typeof en.errors;
type Field = 'fullName' | 'email' | 'employer' | 'proofOfId' | 'terms';

export const mediaApplicationSubmitAction = 'MEDIA_APPLICATION_SUBMIT';
const MAX_TEXT = 200;
const MAX_EMAIL = 254;
/** Deliberately loose (one @, a dot in the domain, no spaces): Notify has the last word on an address. */
const emailPattern = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

const fileProblemKeys: Record<ProofOfIdProblem, ErrorKey> = {
  MISSING: 'fileMissing',
  TOO_LARGE: 'fileTooLarge',
  WRONG_TYPE: 'fileWrongType',
};

interface FormValues {
  fullName: string;
  email: string;
  employer: string;
  terms: boolean;
}

function text(form: URLSearchParams, name: string): string {
  return storableText((form.get(name) ?? '').trim().replace(/\s+/g, ' '));
}

function formPage(request: PageRequest, values: FormValues, errors: { field: Field; key: ErrorKey }[]): PageResult {
  const t = strings[request.language];
  const messages = errors.map((error) => ({ field: error.field, text: t.errors[error.key] }));
  const errorOf = (field: Field) => messages.find((message) => message.field === field)?.text ?? null;
  const anchor = (field: Field) => (field === 'terms' ? 'terms' : field);
  return pageWithErrors({
    template: 'pages/create-media-account/create-media-account.njk',
    title: t.title,
    hasError: errors.length > 0,
    context: {
      t,
      values,
      errorList: messages.map((message) => ({ text: message.text, href: `#${anchor(message.field)}` })),
      fieldErrors: {
        fullName: errorOf('fullName'),
        email: errorOf('email'),
        employer: errorOf('employer'),
        proofOfId: errorOf('proofOfId'),
        terms: errorOf('terms'),
      },
    },
  });
}

async function submit(deps: WebDependencies, request: PageRequest): Promise<PageResult> {
  const empty: FormValues = { fullName: '', email: '', employer: '', terms: false };
  if (request.bodyTooLarge) {
    logEvent(request.logger, 'info', 'MEDIA_APPLICATION_INVALID', { problems: ['fileTooLarge'] });
    return formPage(request, empty, [{ field: 'proofOfId', key: 'fileTooLarge' }]);
  }
  const values: FormValues = {
    fullName: text(request.form, 'fullName'),
    email: text(request.form, 'email'),
    employer: text(request.form, 'employer'),
    terms: request.form.get('terms') === 'agreed',
  };
  const errors: { field: Field; key: ErrorKey }[] = [];
  if (values.fullName === '') errors.push({ field: 'fullName', key: 'fullNameMissing' });
  else if (values.fullName.length > MAX_TEXT) errors.push({ field: 'fullName', key: 'fullNameTooLong' });
  if (values.email === '') errors.push({ field: 'email', key: 'emailMissing' });
  else if (values.email.length > MAX_EMAIL || !emailPattern.test(values.email)) {
    errors.push({ field: 'email', key: 'emailInvalid' });
  }
  if (values.employer === '') errors.push({ field: 'employer', key: 'employerMissing' });
  else if (values.employer.length > MAX_TEXT) errors.push({ field: 'employer', key: 'employerTooLong' });
  const file = request.files.get('proofOfId') ?? null;
  const check = checkProofOfId(file?.bytes ?? null);
  if (!check.ok) errors.push({ field: 'proofOfId', key: fileProblemKeys[check.problem] });
  if (!values.terms) errors.push({ field: 'terms', key: 'termsMissing' });
  // A browser cannot send a chosen file back: when only other fields were wrong, the file must be chosen again.
  if (errors.length > 0 && check.ok) errors.push({ field: 'proofOfId', key: 'fileAgain' });
  if (errors.length > 0 || !check.ok || file === null) {
    logEvent(request.logger, 'info', 'MEDIA_APPLICATION_INVALID', { problems: errors.map((error) => error.key) });
    return formPage(request, values, errors);
  }

  const result = await deps.mediaAccounts.submit(
    { fullName: values.fullName, email: values.email, employer: values.employer },
    { bytes: file.bytes, contentType: check.contentType, fileName: storableText(file.name).slice(0, 255) || null },
    request.now,
  );
  if (!result.ok) {
    await deps.audit({
      action: mediaApplicationSubmitAction,
      outcome: 'FAILURE',
      actor: request.principal,
      objectType: 'media_application',
      details: { reason: result.reason },
    });
    logEvent(request.logger, 'warn', 'MEDIA_APPLICATION_REFUSED', { reason: result.reason });
    if (result.reason === 'DUPLICATE') return formPage(request, values, [{ field: 'email', key: 'duplicate' }]);
    const t = strings[request.language];
    return {
      kind: 'page',
      status: 429,
      template: 'pages/create-media-account/busy.njk',
      title: t.busyTitle,
      context: { t },
    };
  }
  const application = result.application;
  await deps.audit({
    action: mediaApplicationSubmitAction,
    outcome: 'SUCCESS',
    actor: request.principal,
    objectType: 'media_application',
    objectId: application.applicationId,
    details: { contentType: application.imageContentType, size: application.imageSize },
  });
  logEvent(request.logger, 'info', 'MEDIA_APPLICATION_SUBMITTED', {
    applicationId: application.applicationId,
    contentType: application.imageContentType,
    size: application.imageSize,
  });
  return { kind: 'redirect', location: '/create-media-account/submitted' };
}

export const createMediaAccountRoutes: PageRoute[] = [
  {
    path: '/create-media-account',
    methods: ['GET', 'POST'],
    handle: (deps, request) =>
      request.method === 'POST'
        ? submit(deps, request)
        : formPage(request, { fullName: '', email: '', employer: '', terms: false }, []),
  },
  {
    path: '/create-media-account/submitted',
    methods: ['GET'],
    handle: (_deps, request) => {
      const t = strings[request.language];
      return {
        kind: 'page',
        template: 'pages/create-media-account/submitted.njk',
        title: t.submittedTitle,
        context: { t },
      };
    },
  },
];
