export { seal, open, keyId, SealedWithOtherKeyError } from "./sealed-box";
export { masterKey, MissingMasterKeyError, type MasterKey } from "./master-key";
export { dataDirSecret } from "./data-dir-secret";
