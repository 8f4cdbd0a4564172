#!/usr/bin/env node
/*
 * An independent check of a colbot credential, with Digital Bazaar's implementations of
 * Verifiable Credentials (@digitalbazaar/vc), Data Integrity and eddsa-rdfc-2022, and
 * Bitstring Status List: none of colbot's own code is involved. Contexts come only from the
 * files badge_core/credentials/contexts/ bundles (the same ones colbot signs with); nothing
 * is fetched.
 *
 *   node verify.js CREDENTIAL.json [--document URL=FILE]... [--did-document FILE]... [--now ISO]
 *
 * --document serves FILE when a URL is asked for (a status list credential, say); with one for
 * the credential's status list, its revocation status is checked too. --did-document serves a
 * did:web DID document (did:key needs none). Prints a JSON report; exits 0 only when the
 * credential verifies (and, when checked, is not revoked).
 */
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {driver as didKeyDriver} from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';

const here = dirname(fileURLToPath(import.meta.url));
const CONTEXTS_DIR = join(here, '..', '..', 'badge_core', 'credentials', 'contexts');

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function parseArgs(argv) {
  const options = {credential: null, documents: new Map(), didDocuments: new Map(), now: undefined};
  for(let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if(arg === '--document') {
      const [url, file] = splitAtLast(argv[++i], '=');
      options.documents.set(url, readJson(file));
    } else if(arg === '--did-document') {
      const doc = readJson(argv[++i]);
      options.didDocuments.set(doc.id, doc);
    } else if(arg === '--now') {
      options.now = argv[++i];
    } else if(!options.credential) {
      options.credential = arg;
    } else {
      throw new Error(`unexpected argument ${arg}`);
    }
  }
  if(!options.credential) {
    throw new Error('usage: node verify.js CREDENTIAL.json [--document URL=FILE]... ' +
      '[--did-document FILE]... [--now ISO]');
  }
  return options;
}

// at the last separator: a URL may hold one in its query (a did:key status list's ?key=)
function splitAtLast(text, separator) {
  const at = (text || '').lastIndexOf(separator);
  if(at < 1) {
    throw new Error(`expected URL${separator}FILE, got ${text}`);
  }
  return [text.slice(0, at), text.slice(at + 1)];
}

function makeDocumentLoader({documents, didDocuments}) {
  const contexts = new Map();
  const index = readJson(join(CONTEXTS_DIR, 'index.json'));
  for(const [url, file] of Object.entries(index)) {
    contexts.set(url, readJson(join(CONTEXTS_DIR, file)));
  }
  const didKey = didKeyDriver();
  didKey.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});

  return async function documentLoader(url) {
    const found = document => ({contextUrl: null, documentUrl: url, document});
    if(contexts.has(url)) {
      return found(contexts.get(url));
    }
    if(documents.has(url)) {
      return found(documents.get(url));
    }
    if(url.startsWith('did:key:')) {
      return found(await didKey.get({url}));
    }
    if(url.startsWith('did:web:')) {
      const [did, fragment] = url.split('#');
      const didDocument = didDocuments.get(did);
      if(didDocument) {
        if(!fragment) {
          return found(didDocument);
        }
        const method = (didDocument.verificationMethod || []).find(m => m.id === url);
        if(method) {
          return found({'@context': didDocument['@context'], ...method});
        }
      }
    }
    throw new Error(`document not available offline: ${url}`);
  };
}

function messages(result) {
  const out = [];
  const add = error => {
    if(!error) {
      return;
    }
    for(const e of Array.isArray(error) ? error : [error]) {
      out.push(e.message || String(e));
      if(e.errors) {
        add(e.errors);
      }
    }
  };
  add(result.error);
  for(const r of result.results || []) {
    add(r.error);
  }
  return [...new Set(out)];
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const credential = readJson(options.credential);
  const documentLoader = makeDocumentLoader(options);
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
  const statusEntry = credential.credentialStatus;
  const statusAvailable = Boolean(statusEntry && options.documents.has(statusEntry.statusListCredential));

  const result = await vc.verifyCredential({
    credential,
    suite,
    documentLoader,
    now: options.now,
    // without the status list at hand the status is reported as not checked, not as good
    checkStatus: statusAvailable ? checkStatus : async () => ({verified: true})
  });
  const revoked = Boolean(result.statusResult && result.statusResult.verified &&
    result.statusResult.results?.some(r => r.status === true));
  const report = {
    verified: result.verified && !revoked,
    signatureVerified: (result.results || []).every(r => r.verified) && (result.results || []).length > 0,
    statusChecked: statusAvailable,
    revoked,
    errors: messages(result)
  };
  if(revoked) {
    report.errors.push('the credential is revoked');
  }
  console.log(JSON.stringify(report, null, 2));
  return report.verified ? 0 : 1;
}

main().then(code => process.exit(code), error => {
  console.log(JSON.stringify({verified: false, errors: [error.message]}, null, 2));
  process.exit(2);
});
