// The lease treats MLflow's answer to two simultaneous first writes of one tag (its SQL store
// reads, then inserts) as contention, not as a failure: the exact messages of both backends.
import { describe, expect, it } from 'vitest';
import { isConcurrentTagWrite } from '../../lib/lifecycle/lease';
import { MlflowApiError } from '../../lib/tracking/errors';

const url = 'http://127.0.0.1:5055/api/2.0/mlflow/registered-models/set-tag';

describe('isConcurrentTagWrite', () => {
  it('recognises the unique-constraint answers of SQLite and PostgreSQL, and nothing else', () => {
    const sqlite = new MlflowApiError(url, 400, 'BAD_REQUEST', '(sqlite3.IntegrityError) UNIQUE constraint failed: registered_model_tags.workspace, registered_model_tags.key, registered_model_tags.name');
    const postgres = new MlflowApiError(url, 400, 'BAD_REQUEST', '(psycopg2.errors.UniqueViolation) duplicate key value violates unique constraint "registered_model_tag_pk"');
    expect(isConcurrentTagWrite(sqlite)).toBe(true);
    expect(isConcurrentTagWrite(postgres)).toBe(true);
    expect(isConcurrentTagWrite(new MlflowApiError(url, 404, 'RESOURCE_DOES_NOT_EXIST', 'Registered Model with name=x not found'))).toBe(false);
    expect(isConcurrentTagWrite(new MlflowApiError(url, 400, 'INVALID_PARAMETER_VALUE', 'tag value too long'))).toBe(false);
    expect(isConcurrentTagWrite(new Error('UNIQUE constraint failed'))).toBe(false);
  });
});
