// A refusal of the platform's REST APIs (problem+json) or of the game socket, said in the page's language. The
// services speak English; what they send for programs is a problem's title ("Game rule: <code>" for a game's rules),
// a socket refusal's code (and a refused host command's rule), and each field error's rule code ({field, code,
// message}). A field error is said by the template its wording matches ({name} takes any text, which becomes the
// message's placeholder: the numbers a rule names), or else by its code, in general words; a game's refusal by its
// rule. The messages live in /i18n/<lang>/refusal.json.
import { t, language, formatNumber } from './i18n.js';

/** A problem's code (problem.code, or a game rule's) or its title -> the message key. */
const BY_CODE = {
  // user-app
  'Login failed': 'refusal.loginFailed',
  'Account locked': 'refusal.accountLocked',
  'E-mail already registered': 'refusal.emailTaken',
  'Password too weak': 'refusal.weakPassword',
  'Session ended': 'refusal.sessionEnded',
  'Unknown account': 'refusal.sessionEnded',
  'Too many attempts': 'refusal.tooMany',
  // quiz-app
  'Unknown quiz': 'refusal.unknownQuiz',
  'Not your quiz': 'refusal.notYourQuiz',
  'Quiz changed meanwhile': 'refusal.quizChanged',
  'Precondition Required': 'refusal.quizChanged',
  'Quiz not published': 'refusal.quizNotPublished',
  'Quiz rule broken': 'refusal.quizRule',
  'Image refused': 'refusal.imageRefused',
  'Body required': 'refusal.emptyFile',
  'No free PIN': 'refusal.noFreePin',
  'Unknown game': 'refusal.unknownGame',
  'Game busy': 'refusal.gameBusy',
  'Admins only': 'refusal.adminsOnly',
  'quiz-empty': 'refusal.rule.quizEmpty',
  'not-in-lobby': 'refusal.rule.notInLobby',
  'not-started': 'refusal.rule.startFirst',
  'question-not-closed': 'refusal.rule.questionNotClosed',
  'nothing-to-skip': 'refusal.rule.nothingToSkip',
  'game-ended': 'refusal.rule.gameEnded',
  'no-such-player': 'refusal.rule.noSuchPlayer',
  'unknown-game': 'refusal.unknownGame', // a refused command's rule when the game is gone
  'game-busy': 'refusal.gameBusy',
  'try-again': 'refusal.tryAgain', // a host command the server could not carry out now (its database out)
  // scoring-app
  'Game not found': 'refusal.unknownGame',
  'Not your game': 'refusal.notYourGame',
  'Report not ready': 'refusal.reportNotReady',
  // every service (platform)
  'Invalid request': 'refusal.invalidRequest',
  'Malformed request body': 'refusal.malformed',
  'Payload Too Large': 'refusal.tooLarge',
  'Unsupported Media Type': 'refusal.unsupportedType',
};

/** A refusal the client does not know, by its status; the rest get refusal.status.other. */
const BY_STATUS = {
  400: 'refusal.status.400', 401: 'refusal.sessionEnded', 403: 'refusal.status.403', 404: 'refusal.status.404',
  409: 'refusal.status.409', 412: 'refusal.quizChanged', 413: 'refusal.tooLarge', 415: 'refusal.unsupportedType',
};

/**
 * Sentences that tell one case of a refusal from another where the code does not: the report's (one title, "Report
 * not ready", for every step of completing a game). The game's rules need none: each has its own code.
 */
const SENTENCES = compile([
  ['No game with id {id} that you host.', 'refusal.unknownGame'],
  ['No game with id {id}.', 'refusal.unknownGame'],
  ["The game's scores could not be completed; an admin can retry the completion.", 'refusal.report.failed'],
  ['The game is being completed (step {step}); the report follows in a moment.', 'refusal.report.completing'],
  ['The game has not ended yet; its report is built when it ends.', 'refusal.report.notEnded'],
]);

/**
 * Placeholders that carry a service's enum constant: never shown, the constant picks the message instead; an unknown
 * one keeps the template's own, general message.
 */
const CHOSEN_BY = {
  // scoring-app's FinalizationSteps.Step: where the completion of an ended game stands while its report is awaited
  step: {
    AWAITING_SCORES: 'refusal.report.awaitingScores',
    FINALIZING_SCORES: 'refusal.report.finalizingScores',
    BUILDING_REPORT: 'refusal.report.buildingReport',
    ANNOUNCING: 'refusal.report.announcing',
  },
};

/** The placeholders that stand for a number, written the page's way ("1.000" on a Vietnamese page); others as sent. */
const NUMBERS = new Set(['min', 'max', 'count', 'length', 'value', 'size', 'width', 'height', 'side', 'pixels', 'line', 'column']);

/**
 * A field error by its rule's code, when its wording matches none of the templates below (a service reworded it):
 * the rule said in general words, without the numbers the wording carries. The codes are the README's "Refusals".
 */
const FIELD_CODES = {
  // every service: the strict JSON reader, Bean Validation, the edges
  required: 'refusal.field.required',
  malformed: 'refusal.field.json',
  duplicate: 'refusal.field.twice',
  'too-deep': 'refusal.field.general.tooDeep',
  character: 'refusal.field.badCharacter',
  utf8: 'refusal.field.utf8',
  text: 'refusal.field.text',
  number: 'refusal.field.number',
  integer: 'refusal.field.general.integer',
  boolean: 'refusal.field.boolean',
  uuid: 'refusal.field.uuid',
  list: 'refusal.field.list',
  object: 'refusal.field.object',
  'one-of': 'refusal.field.general.oneOf',
  'unknown-field': 'refusal.field.general.unknownField',
  'too-large': 'refusal.field.general.bytes',
  'media-type': 'refusal.unsupportedType',
  'too-long': 'refusal.field.general.tooLong',
  size: 'refusal.field.general.size',
  range: 'refusal.field.general.range',
  email: 'refusal.field.email',
  invalid: 'refusal.field.invalid',
  pattern: 'refusal.field.invalid',
  // an account
  taken: 'refusal.field.emailTaken',
  'too-short': 'refusal.field.general.tooShort',
  common: 'refusal.field.passwordCommon',
  'too-few-characters': 'refusal.field.general.passwordVariety',
  'contains-email': 'refusal.field.passwordEmail',
  'contains-name': 'refusal.field.passwordName',
  mismatch: 'refusal.field.wrongPassword',
  // a quiz and its questions
  'no-questions': 'refusal.field.noQuestions',
  'too-many-questions': 'refusal.field.general.tooManyQuestions',
  'question-id': 'refusal.field.questionId',
  'unknown-question': 'refusal.field.unknownQuestion',
  'question-order': 'refusal.field.questionOrder',
  archived: 'refusal.field.archived',
  'already-published': 'refusal.field.alreadyPublished',
  'already-archived': 'refusal.field.alreadyArchived',
  'not-draft': 'refusal.field.notDraft',
  'question-type': 'refusal.field.questionType',
  'image-url': 'refusal.field.imageUrl',
  'control-characters': 'refusal.field.controlCharacters',
  'image-missing': 'refusal.field.imageMissing',
  'time-limit': 'refusal.field.general.timeLimit',
  points: 'refusal.field.points',
  'poll-points': 'refusal.field.pollPoints',
  'no-accepted-answers': 'refusal.field.noAcceptedAnswers',
  'option-count': 'refusal.field.general.optionCount',
  'one-correct': 'refusal.field.oneCorrect',
  'some-correct': 'refusal.field.someCorrect',
  'poll-correct': 'refusal.field.pollCorrect',
  'true-false-options': 'refusal.field.trueFalseOptions',
  'true-false-correct': 'refusal.field.trueFalseCorrect',
  'type-answer-options': 'refusal.field.typeAnswerOptions',
  'accepted-count': 'refusal.field.general.acceptedCount',
  length: 'refusal.field.general.length',
  'option-ids': 'refusal.field.optionIds',
  'same-options': 'refusal.field.sameOptions',
  // images
  'image-type': 'refusal.field.imageType',
  'image-mismatch': 'refusal.field.general.imageMismatch',
  'image-malformed': 'refusal.field.general.imageMalformed',
  'image-too-large': 'refusal.field.general.imageTooLarge',
  'image-too-many-pixels': 'refusal.field.general.imagePixels',
  'too-many-images': 'refusal.field.general.tooManyImages',
  'image-incomplete': 'refusal.field.imageIncomplete',
  base64: 'refusal.field.base64',
  'image-id': 'refusal.field.imageId',
};

/** The services' field error messages (user-app, quiz-app, the platform's strict JSON reader), most specific first. */
const FIELD_MESSAGES = compile([
  // an account
  ['an e-mail address is required', 'refusal.field.required'],
  ['a display name is required', 'refusal.field.required'],
  ['a password is required', 'refusal.field.required'],
  ['must be a valid e-mail address, like ada@example.com', 'refusal.field.email'],
  ["may contain letters, digits, spaces and . ' _ - only", 'refusal.field.displayName'],
  ['already registered', 'refusal.field.emailTaken'],
  ['must be at least {min} characters long (it has {length})', 'refusal.field.passwordShort'],
  ['must be at most {max} characters long', 'refusal.field.tooLong'],
  ['is one of the most commonly used passwords; choose something less guessable', 'refusal.field.passwordCommon'],
  ['must contain at least {count} different characters', 'refusal.field.passwordVariety'],
  ['must not contain your e-mail address', 'refusal.field.passwordEmail'],
  ['must not contain your display name', 'refusal.field.passwordName'],
  // a quiz
  ['a quiz needs a title', 'refusal.field.quizTitle'],
  ['a title is required', 'refusal.field.quizTitle'],
  ['a quiz needs at least one question to be published', 'refusal.field.noQuestions'],
  ['a quiz has at most {max} questions', 'refusal.field.tooManyQuestions'],
  ['this quiz already has a question with id {id}', 'refusal.field.questionId'],
  ['this quiz has no question with id {id}', 'refusal.field.unknownQuestion'],
  ['each question id must appear exactly once', 'refusal.field.questionOrder'],
  ['must name every question of this quiz exactly once{rest}', 'refusal.field.questionOrder'],
  ["an archived quiz can't be published; duplicate it instead", 'refusal.field.archived'],
  ['the quiz is already published', 'refusal.field.alreadyPublished'],
  ['the quiz is already archived', 'refusal.field.alreadyArchived'],
  ['only a draft can be changed; this quiz is {status} (duplicate it to make a new draft)', 'refusal.field.notDraft'],
  ['a question is required', 'refusal.field.required'],
  ['an option is required', 'refusal.field.required'],
  // a question
  ['must be one of single-choice, multiple-choice, true-false, type-answer, poll', 'refusal.field.questionType'],
  ['a question needs a text', 'refusal.field.questionText'],
  ["must be an uploaded image's path ({path}<id>): upload the picture first; links to other sites are not shown", 'refusal.field.imageUrl'],
  ['no image {id} is stored here; upload it first (POST /quiz/api/images)', 'refusal.field.imageMissing'],
  ['must be between {min} and {max} seconds (was {value})', 'refusal.field.timeLimit'],
  ['must be 0, 1000 or 2000 (was {value})', 'refusal.field.points'],
  ['a poll scores nothing: points must be 0', 'refusal.field.pollPoints'],
  ['only type-answer questions have accepted answers', 'refusal.field.noAcceptedAnswers'],
  ['must have {min} to {max} options (has {count})', 'refusal.field.optionCount'],
  ['exactly one option must be correct ({count} marked correct)', 'refusal.field.oneCorrect'],
  ['at least one option must be correct ({count} marked correct)', 'refusal.field.someCorrect'],
  ['a poll has no correct option ({count} marked correct)', 'refusal.field.pollCorrect'],
  ['a true/false question has exactly two options (has {count})', 'refusal.field.trueFalseOptions'],
  ['exactly one of true and false must be correct', 'refusal.field.trueFalseCorrect'],
  ['a type-answer question has no options, only accepted answers', 'refusal.field.typeAnswerOptions'],
  ['must have 1 to {max} accepted answers (has {count})', 'refusal.field.acceptedCount'],
  ['must be 1 to {max} characters', 'refusal.field.length'],
  ['option ids must be present and unique', 'refusal.field.optionIds'],
  ['two options read the same', 'refusal.field.sameOptions'],
  // images (an upload, or a quiz file's images)
  ['must be image/png, image/jpeg, image/gif or image/webp', 'refusal.field.imageType'],
  ['is not a PNG, JPEG, GIF or WebP image', 'refusal.field.imageType'],
  ["is empty; send the image's bytes", 'refusal.field.imageEmpty'],
  ['is {size} bytes; at most {max} are accepted', 'refusal.field.imageBytes'],
  ['says {declared} but the body is {actual}', 'refusal.field.imageMismatch'],
  ['is not a well-formed {format} image: {why}', 'refusal.field.imageBroken'],
  ['is {width}x{height} pixels; at most {side} per side and {pixels} pixels in all are accepted', 'refusal.field.imagePixels'],
  ['a quiz carries at most {max} images', 'refusal.field.tooManyImages'],
  ['an image needs id, mediaType and data', 'refusal.field.imageIncomplete'],
  ['must be base64', 'refusal.field.base64'],
  ["is not the SHA-256 of the image's stored bytes", 'refusal.field.imageId'],
  // any JSON body (a quiz file above all)
  ['a JSON body with an exported quiz is required', 'refusal.field.json'],
  ['a JSON value is required', 'refusal.field.json'],
  ['is not valid JSON of the expected shape', 'refusal.field.json'],
  ['must be a single JSON value with nothing after it', 'refusal.field.json'],
  ['is not valid JSON (line {line}, column {column})', 'refusal.field.jsonAt'],
  ['is not valid JSON', 'refusal.field.json'],
  ['is not valid UTF-8', 'refusal.field.utf8'],
  ['is nested deeper than {max} levels', 'refusal.field.tooDeep'],
  ['is given more than once', 'refusal.field.twice'],
  ['is not a known field (expected one of {fields})', 'refusal.field.unknownField'],
  ['must not contain the NUL character (U+0000)', 'refusal.field.badCharacter'],
  ['must not contain an unpaired surrogate', 'refusal.field.badCharacter'],
  ['must not be null', 'refusal.field.required'],
  ['must be a string', 'refusal.field.text'],
  ['must be a number', 'refusal.field.number'],
  ['must be an integer from {min} to {max}', 'refusal.field.integer'],
  ['must be true or false', 'refusal.field.boolean'],
  ['must be a UUID', 'refusal.field.uuid'],
  ['must be an array', 'refusal.field.list'],
  ['must be an object', 'refusal.field.object'],
  ['must be one of {values}', 'refusal.field.oneOf'],
  ['must be at most {max} bytes', 'refusal.field.bytes'],
  ['must be at most {max} characters', 'refusal.field.tooLong'],
  ['is not a valid value', 'refusal.field.invalid'],
  ['is not valid', 'refusal.field.invalid'],
]);

/** The names in a field's path ("questions[2].options[0].text") that have a label; any other is shown as sent. */
const FIELD_NAMES = {
  question: 'refusal.name.question', questions: 'refusal.name.question', options: 'refusal.name.option', acceptedAnswers: 'refusal.name.acceptedAnswer',
  images: 'refusal.name.image', title: 'refusal.name.title', description: 'refusal.name.description',
  text: 'refusal.name.text', type: 'refusal.name.type', imageUrl: 'refusal.name.image', points: 'refusal.name.points',
  timeLimitSeconds: 'refusal.name.timeLimit', email: 'refusal.name.email', displayName: 'refusal.name.displayName',
  password: 'refusal.name.password', body: 'refusal.name.body', settings: 'refusal.name.settings',
};

/** A table's own entry for a name a service sent, or undefined ("constructor" is no code of ours). */
function entry(table, name) {
  return typeof name === 'string' && Object.hasOwn(table, name) ? table[name] : undefined;
}

function compile(table) {
  return table.map(([template, key]) => {
    const names = [];
    const pattern = template.split(/(\{\w+\})/).map((part) => {
      const name = /^\{(\w+)\}$/.exec(part);
      if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name[1]);
      return '(.+?)';
    }).join('');
    return { regex: new RegExp(`^${pattern}$`), names, key };
  });
}

/** The key and placeholders of the first template text matches, or null. */
function match(text, table) {
  for (const { regex, names, key } of table) {
    const found = regex.exec(String(text ?? '').trim());
    if (!found) continue;
    let chosen = key;
    const params = {};
    names.forEach((name, i) => {
      const value = found[i + 1];
      if (CHOSEN_BY[name]) chosen = CHOSEN_BY[name][value] || key;
      else params[name] = NUMBERS.has(name) && /^\d+$/.test(value) ? formatNumber(Number(value)) : value;
    });
    return { key: chosen, params };
  }
  return null;
}

/**
 * What a page shows when it knows no translation: an English page the server's own (English) sentence; any other
 * language its own general sentence (fallbackKey), never an English one, the server's sentence going to the console.
 */
export function untranslated(serverText, fallbackKey) {
  if (language() === 'en' && serverText) return serverText;
  if (serverText) console.warn(`untranslated refusal: ${serverText}`);
  return t(fallbackKey);
}

/** A sentence of a refusal (a problem's detail, a socket error's message) in the page's language, or null. */
export function knownSentence(text) {
  const found = match(text, SENTENCES);
  return found ? t(found.key, found.params) : null;
}

/** Which of those sentences this is ('refusal.report.failed'), or null. */
export function sentenceKey(text) {
  const found = match(text, SENTENCES);
  return found ? found.key : null;
}

/** "in 15 minutes", "in 40 seconds", in the page's language. */
function inTime(seconds) {
  const when = new Intl.RelativeTimeFormat(language(), { numeric: 'always' });
  return seconds < 60 ? when.format(seconds, 'second') : when.format(Math.ceil(seconds / 60), 'minute');
}

/**
 * The sentence for an ApiError: by its game rule, then by one of its sentences (which tell a report's steps apart),
 * then by its title, then by status.
 */
export function refusalText(error) {
  const problem = error.problem || {};
  const rule = entry(BY_CODE, error.code);
  if (rule) return t(rule);
  if (error.status === 429 && error.retryAfterSeconds > 0) return t('refusal.tooManyWait', { when: inTime(error.retryAfterSeconds) });
  const sentence = knownSentence(problem.detail);
  if (sentence) return sentence;
  const key = entry(BY_CODE, problem.title);
  if (key) return t(key);
  if (error.status === 429) return t('refusal.tooMany');
  if (error.status >= 500) return t('common.unexpected');
  return untranslated(problem.detail || problem.title, BY_STATUS[error.status] || 'refusal.status.other');
}

/**
 * One field error ({code, message}) in the page's language: by its wording, which gives the numbers, or else by its
 * code (a game rule's on the field "game" included).
 */
export function fieldMessage({ code, message }) {
  const found = match(message, FIELD_MESSAGES);
  if (found) return t(found.key, found.params);
  const key = entry(FIELD_CODES, code) || entry(BY_CODE, code);
  return key ? t(key) : untranslated(message, 'refusal.field.invalid');
}

/**
 * A host command the game refused on the socket ({type: 'error', code: 'refused', rule, message}), or one the server
 * could not carry out now ({type: 'error', code: 'try-again', message}).
 */
export function refusedCommand(error) {
  const rule = entry(BY_CODE, error.rule || error.code);
  if (rule) return t(rule);
  return knownSentence(error.message) || untranslated(error.message, 'screen.refused');
}

/** A field's path as a person reads it: "questions[1].options[0].text" -> "Question 2 · Answer 1 · Text". */
export function fieldLabel(path) {
  return String(path || '').split('.').filter(Boolean).map((part) => {
    const [, name, index] = /^([^[]+)(?:\[(\d+)\])?$/.exec(part) || [null, part, undefined];
    const key = FIELD_NAMES[name];
    if (!key) return part;
    return t(key, { number: index === undefined ? '' : Number(index) + 1 }).trim();
  }).join(' · ');
}

/** "Label: message" for a field error shown away from its field (a list of what a file or a quiz breaks). */
export function fieldLine(path, message) {
  const label = fieldLabel(path);
  return label ? `${label}: ${message}` : message;
}
