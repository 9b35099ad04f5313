export { parse, validateText, MAX_PARSE_LENGTH } from './parse';
export { toParseOutput, type ParseOutput } from './parseOutput';
export type { ParseResult } from './ParseResult';
export { mask } from './mask';
export { normalize, type Normalized } from './normalize';
export { classify, type Classification } from './classify';
export { categories, type Category, type Entity, type EntityType } from './Entity';
export { parseIsoInstant } from './shanghaiTime';
export { detectServiceIntent, ACCOUNT_THEFT, COMPLAINT, HUMAN_REQUEST, type ServiceIntent } from './serviceIntent';
