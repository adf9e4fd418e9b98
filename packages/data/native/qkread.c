// qkread: copies the DOUBLE columns of a DuckDB query result straight into caller-owned Float64Arrays.
//
// Why native: through @duckdb/node-bindings every 2048-row data chunk costs an async hop plus one N-API call per
// column that allocates and copies a Buffer, so a 5M-row load spends more time in bindings than DuckDB spends
// scanning. Here one async call runs the whole query on a libuv worker thread and memcpys each chunk's vectors
// into the target arrays: no per-chunk JavaScript at all.
//
// libduckdb is the copy that @duckdb/node-bindings ships; it is opened with dlopen (path given by JavaScript), so
// this file needs no DuckDB headers or link step: the few C API functions used are declared below, per the
// stable C API of duckdb.h (DuckDB ≥ 1.1).
#include <dlfcn.h>
#include <node_api.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t idx_t;
typedef int duckdb_state; // DuckDBSuccess = 0
typedef struct _duckdb_database { void *internal_ptr; } *duckdb_database;
typedef struct _duckdb_connection { void *internal_ptr; } *duckdb_connection;
typedef struct _duckdb_data_chunk { void *internal_ptr; } *duckdb_data_chunk;
typedef struct _duckdb_vector { void *internal_ptr; } *duckdb_vector;
typedef struct _duckdb_prepared_statement { void *internal_ptr; } *duckdb_prepared_statement;
typedef struct _duckdb_pending_result { void *internal_ptr; } *duckdb_pending_result;
typedef struct {
  idx_t deprecated_column_count;
  idx_t deprecated_row_count;
  idx_t deprecated_rows_changed;
  void *deprecated_columns;
  char *deprecated_error_message;
  void *internal_data;
} duckdb_result;
enum { DUCKDB_TYPE_DOUBLE = 11 };

static struct {
  duckdb_state (*open)(const char *, duckdb_database *);
  void (*close)(duckdb_database *);
  duckdb_state (*connect)(duckdb_database, duckdb_connection *);
  void (*disconnect)(duckdb_connection *);
  duckdb_state (*query)(duckdb_connection, const char *, duckdb_result *);
  const char *(*result_error)(duckdb_result *);
  void (*destroy_result)(duckdb_result *);
  idx_t (*column_count)(duckdb_result *);
  int (*column_type)(duckdb_result *, idx_t);
  duckdb_data_chunk (*fetch_chunk)(duckdb_result);
  idx_t (*chunk_size)(duckdb_data_chunk);
  duckdb_vector (*chunk_vector)(duckdb_data_chunk, idx_t);
  void *(*vector_data)(duckdb_vector);
  uint64_t *(*vector_validity)(duckdb_vector);
  void (*destroy_chunk)(duckdb_data_chunk *);
  duckdb_state (*prepare)(duckdb_connection, const char *, duckdb_prepared_statement *);
  const char *(*prepare_error)(duckdb_prepared_statement);
  void (*destroy_prepare)(duckdb_prepared_statement *);
  duckdb_state (*pending_streaming)(duckdb_prepared_statement, duckdb_pending_result *);
  const char *(*pending_error)(duckdb_pending_result);
  duckdb_state (*execute_pending)(duckdb_pending_result, duckdb_result *);
  void (*destroy_pending)(duckdb_pending_result *);
} api;

static duckdb_database db = NULL;

#define MAX_COLS 16
#define ERR_LEN 1024

typedef struct {
  napi_async_work work;
  napi_deferred deferred;
  napi_ref targets_ref;
  char *sql;
  int ncols;
  double *dst[MAX_COLS];
  size_t cap; // rows each target can take from `offset` on
  size_t rows; // exact rows expected
  size_t got;
  int ordered; // column 0 must be non-decreasing (checked while the chunk is in cache)
  char error[ERR_LEN];
} ReadJob;

static napi_value throw_error(napi_env env, const char *msg) {
  napi_throw_error(env, NULL, msg);
  return NULL;
}

#define CHECK(call)                                                  \
  do {                                                               \
    if ((call) != napi_ok) return throw_error(env, "qkread: " #call); \
  } while (0)

static int load_symbol(void *lib, const char *name, void **slot, char *err) {
  *slot = dlsym(lib, name);
  if (*slot == NULL) {
    snprintf(err, ERR_LEN, "qkread: %s not found in libduckdb", name);
    return 0;
  }
  return 1;
}

// open(libduckdbPath: string, threads: number): opens the library and one in-memory database for this process.
static napi_value open_lib(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (db != NULL) return NULL;
  char path[4096];
  size_t len = 0;
  CHECK(napi_get_value_string_utf8(env, argv[0], path, sizeof path, &len));
  void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  char err[ERR_LEN];
  if (lib == NULL) {
    snprintf(err, ERR_LEN, "qkread: dlopen(%s) failed: %s", path, dlerror());
    return throw_error(env, err);
  }
  int ok = load_symbol(lib, "duckdb_open", (void **)&api.open, err) &&
           load_symbol(lib, "duckdb_close", (void **)&api.close, err) &&
           load_symbol(lib, "duckdb_connect", (void **)&api.connect, err) &&
           load_symbol(lib, "duckdb_disconnect", (void **)&api.disconnect, err) &&
           load_symbol(lib, "duckdb_query", (void **)&api.query, err) &&
           load_symbol(lib, "duckdb_result_error", (void **)&api.result_error, err) &&
           load_symbol(lib, "duckdb_destroy_result", (void **)&api.destroy_result, err) &&
           load_symbol(lib, "duckdb_column_count", (void **)&api.column_count, err) &&
           load_symbol(lib, "duckdb_column_type", (void **)&api.column_type, err) &&
           load_symbol(lib, "duckdb_fetch_chunk", (void **)&api.fetch_chunk, err) &&
           load_symbol(lib, "duckdb_data_chunk_get_size", (void **)&api.chunk_size, err) &&
           load_symbol(lib, "duckdb_data_chunk_get_vector", (void **)&api.chunk_vector, err) &&
           load_symbol(lib, "duckdb_vector_get_data", (void **)&api.vector_data, err) &&
           load_symbol(lib, "duckdb_vector_get_validity", (void **)&api.vector_validity, err) &&
           load_symbol(lib, "duckdb_destroy_data_chunk", (void **)&api.destroy_chunk, err) &&
           load_symbol(lib, "duckdb_prepare", (void **)&api.prepare, err) &&
           load_symbol(lib, "duckdb_prepare_error", (void **)&api.prepare_error, err) &&
           load_symbol(lib, "duckdb_destroy_prepare", (void **)&api.destroy_prepare, err) &&
           load_symbol(lib, "duckdb_pending_prepared_streaming", (void **)&api.pending_streaming, err) &&
           load_symbol(lib, "duckdb_pending_error", (void **)&api.pending_error, err) &&
           load_symbol(lib, "duckdb_execute_pending", (void **)&api.execute_pending, err) &&
           load_symbol(lib, "duckdb_destroy_pending", (void **)&api.destroy_pending, err);
  if (!ok) return throw_error(env, err);
  if (api.open(NULL, &db) != 0) {
    db = NULL;
    return throw_error(env, "qkread: could not open an in-memory DuckDB database");
  }
  return NULL;
}

static void execute_read(napi_env env, void *data) {
  (void)env;
  ReadJob *job = (ReadJob *)data;
  duckdb_connection con = NULL;
  if (api.connect(db, &con) != 0) {
    snprintf(job->error, ERR_LEN, "could not connect");
    return;
  }
  // A streaming result: chunks come straight from the (parallel, order-preserving) pipeline into the targets,
  // never materialized in between.
  duckdb_prepared_statement stmt = NULL;
  if (api.prepare(con, job->sql, &stmt) != 0) {
    const char *e = api.prepare_error(stmt);
    snprintf(job->error, ERR_LEN, "%s", e ? e : "prepare failed");
    api.destroy_prepare(&stmt);
    api.disconnect(&con);
    return;
  }
  duckdb_pending_result pending = NULL;
  if (api.pending_streaming(stmt, &pending) != 0) {
    const char *e = api.pending_error(pending);
    snprintf(job->error, ERR_LEN, "%s", e ? e : "execution failed");
    api.destroy_pending(&pending);
    api.destroy_prepare(&stmt);
    api.disconnect(&con);
    return;
  }
  duckdb_result res;
  memset(&res, 0, sizeof res);
  if (api.execute_pending(pending, &res) != 0) {
    const char *e = api.result_error(&res);
    snprintf(job->error, ERR_LEN, "%s", e ? e : "query failed");
    api.destroy_result(&res);
    api.destroy_pending(&pending);
    api.destroy_prepare(&stmt);
    api.disconnect(&con);
    return;
  }
  idx_t ncols = api.column_count(&res);
  if ((int)ncols != job->ncols) {
    snprintf(job->error, ERR_LEN, "the query returns %llu columns, expected %d", (unsigned long long)ncols,
             job->ncols);
  }
  for (idx_t j = 0; job->error[0] == 0 && j < ncols; j++) {
    if (api.column_type(&res, j) != DUCKDB_TYPE_DOUBLE)
      snprintf(job->error, ERR_LEN, "column %llu is not DOUBLE", (unsigned long long)j);
  }
  size_t k = 0;
  while (job->error[0] == 0) {
    duckdb_data_chunk chunk = api.fetch_chunk(res);
    if (chunk == NULL) break;
    size_t m = (size_t)api.chunk_size(chunk);
    if (m == 0) {
      api.destroy_chunk(&chunk);
      break;
    }
    if (k + m > job->cap) {
      snprintf(job->error, ERR_LEN, "more than the expected %zu rows", job->rows);
      api.destroy_chunk(&chunk);
      break;
    }
    for (int j = 0; j < job->ncols && job->error[0] == 0; j++) {
      duckdb_vector v = api.chunk_vector(chunk, (idx_t)j);
      uint64_t *valid = api.vector_validity(v);
      if (valid != NULL) {
        for (size_t w = 0; w < (m + 63) / 64; w++) {
          uint64_t want = (w + 1) * 64 <= m ? ~(uint64_t)0 : (((uint64_t)1 << (m % 64)) - 1);
          if ((valid[w] & want) != want) {
            size_t r = w * 64;
            while (r < m && (valid[r / 64] >> (r % 64)) & 1) r++;
            snprintf(job->error, ERR_LEN, "NULL in column %d at result row %zu", j, k + r);
            break;
          }
        }
      }
      if (job->error[0] == 0) memcpy(job->dst[j] + k, api.vector_data(v), m * sizeof(double));
      if (j == 0 && job->ordered && job->error[0] == 0) {
        const double *t = job->dst[0];
        for (size_t r = k == 0 ? 1 : k; r < k + m; r++) {
          if (t[r] < t[r - 1]) {
            snprintf(job->error, ERR_LEN, "column 0 out of order at result row %zu", r);
            break;
          }
        }
      }
    }
    api.destroy_chunk(&chunk);
    k += m;
  }
  job->got = k;
  if (job->error[0] == 0 && k != job->rows)
    snprintf(job->error, ERR_LEN, "expected %zu rows, got %zu", job->rows, k);
  api.destroy_result(&res);
  api.destroy_pending(&pending);
  api.destroy_prepare(&stmt);
  api.disconnect(&con);
}

static void complete_read(napi_env env, napi_status status, void *data) {
  ReadJob *job = (ReadJob *)data;
  napi_value result;
  if (status != napi_ok && job->error[0] == 0) snprintf(job->error, ERR_LEN, "the read was cancelled");
  if (job->error[0] != 0) {
    char msg[ERR_LEN + 32];
    snprintf(msg, sizeof msg, "readDoubleColumns: %s", job->error);
    napi_value text;
    napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &text);
    napi_create_error(env, NULL, text, &result);
    napi_reject_deferred(env, job->deferred, result);
  } else {
    napi_create_double(env, (double)job->got, &result);
    napi_resolve_deferred(env, job->deferred, result);
  }
  napi_delete_reference(env, job->targets_ref);
  napi_delete_async_work(env, job->work);
  free(job->sql);
  free(job);
}

// read(sql: string, targets: Float64Array[], offset: number, rows: number, ordered?: boolean): Promise<number>
static napi_value read_columns(napi_env env, napi_callback_info info) {
  if (db == NULL) return throw_error(env, "qkread: open() first");
  size_t argc = 5;
  napi_value argv[5];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 4) return throw_error(env, "qkread: read(sql, targets, offset, rows, ordered?)");
  bool ordered = false;
  if (argc == 5) CHECK(napi_get_value_bool(env, argv[4], &ordered));
  size_t sql_len = 0;
  CHECK(napi_get_value_string_utf8(env, argv[0], NULL, 0, &sql_len));
  uint32_t ncols = 0;
  CHECK(napi_get_array_length(env, argv[1], &ncols));
  if (ncols == 0 || ncols > MAX_COLS) return throw_error(env, "qkread: 1 to 16 target columns");
  int64_t offset = 0, rows = 0;
  CHECK(napi_get_value_int64(env, argv[2], &offset));
  CHECK(napi_get_value_int64(env, argv[3], &rows));
  if (offset < 0 || rows < 0) return throw_error(env, "qkread: offset and rows must be ≥ 0");
  ReadJob *job = (ReadJob *)calloc(1, sizeof(ReadJob));
  if (job == NULL) return throw_error(env, "qkread: out of memory");
  job->ncols = (int)ncols;
  job->ordered = ordered ? 1 : 0;
  job->rows = (size_t)rows;
  job->cap = (size_t)rows;
  for (uint32_t j = 0; j < ncols; j++) {
    napi_value el;
    napi_typedarray_type type;
    size_t length = 0;
    void *ptr = NULL;
    if (napi_get_element(env, argv[1], j, &el) != napi_ok ||
        napi_get_typedarray_info(env, el, &type, &length, &ptr, NULL, NULL) != napi_ok ||
        type != napi_float64_array) {
      free(job);
      return throw_error(env, "qkread: every target must be a Float64Array");
    }
    if ((size_t)offset + (size_t)rows > length) {
      free(job);
      return throw_error(env, "qkread: a target is shorter than offset + rows");
    }
    job->dst[j] = (double *)ptr + offset;
  }
  job->sql = (char *)malloc(sql_len + 1);
  if (job->sql == NULL) {
    free(job);
    return throw_error(env, "qkread: out of memory");
  }
  CHECK(napi_get_value_string_utf8(env, argv[0], job->sql, sql_len + 1, &sql_len));
  // the targets stay referenced (and their memory in place: ArrayBuffer backing stores do not move) until completion
  CHECK(napi_create_reference(env, argv[1], 1, &job->targets_ref));
  napi_value promise, name;
  CHECK(napi_create_promise(env, &job->deferred, &promise));
  CHECK(napi_create_string_utf8(env, "qkread", NAPI_AUTO_LENGTH, &name));
  CHECK(napi_create_async_work(env, NULL, name, execute_read, complete_read, job, &job->work));
  CHECK(napi_queue_async_work(env, job->work));
  return promise;
}

static void free_block(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  free(data);
}

// allocUnfilled(bytes): an ArrayBuffer over malloc'd memory that is NOT zeroed, for a result every byte of which
// read() overwrites (the caller checks the row count; a failed read discards it). Recycled heap memory is neither
// zeroed nor faulted in again, unlike a fresh zero-filled ArrayBuffer. null when external buffers are not allowed.
static napi_value alloc_unfilled(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int64_t bytes = 0;
  CHECK(napi_get_value_int64(env, argv[0], &bytes));
  if (bytes <= 0) return throw_error(env, "qkread: allocUnfilled(bytes > 0)");
  void *p = malloc((size_t)bytes);
  if (p == NULL) return throw_error(env, "qkread: out of memory");
  napi_value buf;
  if (napi_create_external_arraybuffer(env, p, (size_t)bytes, free_block, NULL, &buf) != napi_ok) {
    free(p);
    napi_value nothing;
    napi_get_null(env, &nothing);
    return nothing;
  }
  return buf;
}

NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
  napi_value fn;
  if (napi_create_function(env, "allocUnfilled", NAPI_AUTO_LENGTH, alloc_unfilled, NULL, &fn) != napi_ok)
    return NULL;
  if (napi_set_named_property(env, exports, "allocUnfilled", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "open", NAPI_AUTO_LENGTH, open_lib, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "open", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "read", NAPI_AUTO_LENGTH, read_columns, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "read", fn) != napi_ok) return NULL;
  return exports;
}
