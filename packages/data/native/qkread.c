// qkread: copies DOUBLE columns that DuckDB reads straight into caller-owned Float64Arrays: a query result
// (read), or the chunks of a parallel scan of one file, each to its row numbers (readRows, via qk_put).
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
#include <pthread.h>
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
typedef struct _duckdb_scalar_function { void *internal_ptr; } *duckdb_scalar_function;
typedef struct _duckdb_function_info { void *internal_ptr; } *duckdb_function_info;
typedef struct _duckdb_logical_type { void *internal_ptr; } *duckdb_logical_type;
typedef void (*duckdb_scalar_function_t)(duckdb_function_info, duckdb_data_chunk, duckdb_vector);
typedef struct {
  idx_t deprecated_column_count;
  idx_t deprecated_row_count;
  idx_t deprecated_rows_changed;
  void *deprecated_columns;
  char *deprecated_error_message;
  void *internal_data;
} duckdb_result;
enum { DUCKDB_TYPE_BIGINT = 5, DUCKDB_TYPE_DOUBLE = 11 };

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
  idx_t (*chunk_column_count)(duckdb_data_chunk);
  duckdb_scalar_function (*create_scalar)(void);
  void (*destroy_scalar)(duckdb_scalar_function *);
  void (*scalar_set_name)(duckdb_scalar_function, const char *);
  void (*scalar_add_parameter)(duckdb_scalar_function, duckdb_logical_type);
  void (*scalar_set_varargs)(duckdb_scalar_function, duckdb_logical_type);
  void (*scalar_set_return_type)(duckdb_scalar_function, duckdb_logical_type);
  void (*scalar_set_volatile)(duckdb_scalar_function);
  void (*scalar_set_function)(duckdb_scalar_function, duckdb_scalar_function_t);
  void (*scalar_set_error)(duckdb_function_info, const char *);
  duckdb_state (*register_scalar)(duckdb_connection, duckdb_scalar_function);
  duckdb_logical_type (*create_logical_type)(int);
  void (*destroy_logical_type)(duckdb_logical_type *);
} api;

static duckdb_database db = NULL;

// A pool of result blocks. A fresh 40 MB block costs ~6 ms of page faults per column on first touch (the kernel
// maps and zeroes it 4 KiB at a time: ~130 ms for the 240 MB of a 5M-row load, more than the copy itself), and
// glibc returns blocks that big to the kernel on free. So freed blocks are kept, already faulted in, and the next
// load of a similar size reuses them — the way DuckDB's own allocator keeps its buffers. Bounded (`open`'s
// poolBytes), and trimPool() gives everything back (JavaScript calls it once loads stop).
#define POOL_SLOTS 256
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
  void *p;
  size_t cap;
} pool[POOL_SLOTS];
static int pool_n = 0;
static size_t pool_bytes = 0, pool_limit = 0;


#define MAX_COLS 16
#define ERR_LEN 1024

typedef struct {
  napi_async_work work;
  napi_deferred deferred;
  napi_ref targets_ref;
  char *sql;
  int ncols;
  double *dst[MAX_COLS];
  size_t rows; // exact rows expected
  size_t got;
  int ordered; // column 0 must be non-decreasing (checked while the chunk is in cache)
  char error[ERR_LEN];
  // readRows only: the query's FROM clause and the expressions of the row index and of the columns
  char *from, *row_expr, *cols_expr;
  uint64_t id; // the job's number in the registry of running row reads (what the SQL names it by)
  size_t written; // rows written by qk_put, summed atomically across DuckDB's threads
} ReadJob;

// Running row reads, by number: qk_put(id, …) finds its targets here. The SQL naming a job is built by this file
// only, yet an unknown or finished number is an error, never a wild pointer. A job is registered only while its
// query runs on a libuv worker thread, so at most UV_THREADPOOL_SIZE (≤ 1024) are registered at once.
#define MAX_JOBS 1024
static pthread_mutex_t jobs_lock = PTHREAD_MUTEX_INITIALIZER;
static ReadJob *jobs[MAX_JOBS];
static int jobs_used = 0; // slots [jobs_used, MAX_JOBS) have never been used
static uint64_t next_job_id = 1;

static int register_job(ReadJob *job) {
  pthread_mutex_lock(&jobs_lock);
  int ok = 0;
  for (int s = 0; s < MAX_JOBS && !ok; s++) {
    if (jobs[s] == NULL) {
      job->id = next_job_id++;
      jobs[s] = job;
      if (s >= jobs_used) jobs_used = s + 1;
      ok = 1;
    }
  }
  pthread_mutex_unlock(&jobs_lock);
  return ok;
}

static void unregister_job(ReadJob *job) {
  pthread_mutex_lock(&jobs_lock);
  for (int s = 0; s < jobs_used; s++)
    if (jobs[s] == job) jobs[s] = NULL;
  pthread_mutex_unlock(&jobs_lock);
}

static ReadJob *find_job(uint64_t id) {
  ReadJob *found = NULL;
  pthread_mutex_lock(&jobs_lock);
  for (int s = 0; s < jobs_used && found == NULL; s++)
    if (jobs[s] != NULL && jobs[s]->id == id) found = jobs[s];
  pthread_mutex_unlock(&jobs_lock);
  return found;
}

// The first error of a job wins (DuckDB's threads may fail on several chunks at once).
static void job_fail(ReadJob *job, const char *msg) {
  pthread_mutex_lock(&jobs_lock);
  if (job->error[0] == 0) snprintf(job->error, ERR_LEN, "%s", msg);
  pthread_mutex_unlock(&jobs_lock);
}

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

static void put_chunk(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output);

// open(libduckdbPath: string, poolBytes?: number): opens the library and one in-memory database for this process;
// poolBytes bounds the pool of freed result blocks kept for reuse (0: none).
static napi_value open_lib(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (db != NULL) return NULL;
  if (argc >= 2) {
    int64_t limit = 0;
    CHECK(napi_get_value_int64(env, argv[1], &limit));
    pthread_mutex_lock(&pool_lock);
    pool_limit = limit > 0 ? (size_t)limit : 0;
    pthread_mutex_unlock(&pool_lock);
  }
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
           load_symbol(lib, "duckdb_destroy_pending", (void **)&api.destroy_pending, err) &&
           load_symbol(lib, "duckdb_data_chunk_get_column_count", (void **)&api.chunk_column_count, err) &&
           load_symbol(lib, "duckdb_create_scalar_function", (void **)&api.create_scalar, err) &&
           load_symbol(lib, "duckdb_destroy_scalar_function", (void **)&api.destroy_scalar, err) &&
           load_symbol(lib, "duckdb_scalar_function_set_name", (void **)&api.scalar_set_name, err) &&
           load_symbol(lib, "duckdb_scalar_function_add_parameter", (void **)&api.scalar_add_parameter, err) &&
           load_symbol(lib, "duckdb_scalar_function_set_varargs", (void **)&api.scalar_set_varargs, err) &&
           load_symbol(lib, "duckdb_scalar_function_set_return_type", (void **)&api.scalar_set_return_type, err) &&
           load_symbol(lib, "duckdb_scalar_function_set_volatile", (void **)&api.scalar_set_volatile, err) &&
           load_symbol(lib, "duckdb_scalar_function_set_function", (void **)&api.scalar_set_function, err) &&
           load_symbol(lib, "duckdb_scalar_function_set_error", (void **)&api.scalar_set_error, err) &&
           load_symbol(lib, "duckdb_register_scalar_function", (void **)&api.register_scalar, err) &&
           load_symbol(lib, "duckdb_create_logical_type", (void **)&api.create_logical_type, err) &&
           load_symbol(lib, "duckdb_destroy_logical_type", (void **)&api.destroy_logical_type, err);
  if (!ok) return throw_error(env, err);
  if (api.open(NULL, &db) != 0) {
    db = NULL;
    return throw_error(env, "qkread: could not open an in-memory DuckDB database");
  }
  // qk_put(job BIGINT, row BIGINT, DOUBLE…) → BIGINT, volatile (never folded or skipped)
  duckdb_connection con = NULL;
  int registered = 0;
  if (api.connect(db, &con) == 0) {
    duckdb_scalar_function f = api.create_scalar();
    duckdb_logical_type bigint = api.create_logical_type(DUCKDB_TYPE_BIGINT);
    duckdb_logical_type dbl = api.create_logical_type(DUCKDB_TYPE_DOUBLE);
    api.scalar_set_name(f, "qk_put");
    api.scalar_add_parameter(f, bigint);
    api.scalar_add_parameter(f, bigint);
    api.scalar_set_varargs(f, dbl);
    api.scalar_set_return_type(f, bigint);
    api.scalar_set_volatile(f);
    api.scalar_set_function(f, put_chunk);
    registered = api.register_scalar(con, f) == 0;
    api.destroy_scalar(&f);
    api.destroy_logical_type(&bigint);
    api.destroy_logical_type(&dbl);
    api.disconnect(&con);
  }
  if (!registered) {
    api.close(&db);
    db = NULL;
    return throw_error(env, "qkread: could not register qk_put in the in-memory database");
  }
  return NULL;
}

// The first NULL among the m rows of a validity mask (NULL mask: all valid), or m; a word at a time.
static size_t first_null(const uint64_t *valid, size_t m) {
  if (valid == NULL) return m;
  for (size_t w = 0; w < (m + 63) / 64; w++) {
    uint64_t want = (w + 1) * 64 <= m ? ~(uint64_t)0 : (((uint64_t)1 << (m % 64)) - 1);
    if ((valid[w] & want) != want) {
      size_t r = w * 64;
      while (r < m && (valid[r / 64] >> (r % 64)) & 1) r++;
      return r;
    }
  }
  return m;
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
    if (k + m > job->rows) {
      snprintf(job->error, ERR_LEN, "more than the expected %zu rows", job->rows);
      api.destroy_chunk(&chunk);
      break;
    }
    for (int j = 0; j < job->ncols && job->error[0] == 0; j++) {
      duckdb_vector v = api.chunk_vector(chunk, (idx_t)j);
      size_t r = first_null(api.vector_validity(v), m);
      if (r < m) snprintf(job->error, ERR_LEN, "NULL in column %d at result row %zu", j, k + r);
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

// qk_put(job BIGINT, row BIGINT, c0 DOUBLE, …): DuckDB calls this on its own threads with each chunk of a parallel
// scan, in any order; it copies the chunk's columns to rows [row, row + m) of the job's targets. The rows of a chunk
// must be consecutive (file_row_number of a time-sorted file, minus the first wanted row) and inside the read; the
// rows written are counted, so a read that writes `rows` rows, each inside [0, rows) and none twice (row numbers of
// one file are unique), has written every row exactly once.
static void put_chunk(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  idx_t m = api.chunk_size(input);
  if (m == 0) return;
  idx_t nc = api.chunk_column_count(input);
  const int64_t *id = (const int64_t *)api.vector_data(api.chunk_vector(input, 0));
  ReadJob *job = find_job((uint64_t)id[0]);
  if (job == NULL) {
    api.scalar_set_error(info, "qk_put: no such read");
    return;
  }
  char msg[ERR_LEN];
  msg[0] = 0;
  duckdb_vector rv = api.chunk_vector(input, 1);
  const int64_t *row = (const int64_t *)api.vector_data(rv);
  uint64_t *rvalid = api.vector_validity(rv);
  int64_t r0 = row[0];
  if (nc != (idx_t)job->ncols + 2) {
    snprintf(msg, ERR_LEN, "the query returns %llu columns, expected %d", (unsigned long long)(nc - 2), job->ncols);
  } else if (rvalid != NULL && (rvalid[0] & 1) == 0) {
    snprintf(msg, ERR_LEN, "NULL row number");
  } else if (r0 < 0) {
    snprintf(msg, ERR_LEN, "a row before the first expected row (file row number %lld below it)", (long long)-r0);
  } else if ((size_t)r0 + m > job->rows) {
    snprintf(msg, ERR_LEN, "more than the expected %zu rows", job->rows);
  } else {
    for (idx_t i = 1; i < m; i++) {
      if (row[i] != r0 + (int64_t)i) {
        // wanted rows of a time-sorted file are consecutive: a gap means the file is not in time order
        snprintf(msg, ERR_LEN, "column 0 out of order at result row %lld", (long long)(row[i] < r0 ? row[i] : r0 + (int64_t)i));
        break;
      }
    }
  }
  for (int j = 0; msg[0] == 0 && j < job->ncols; j++) {
    duckdb_vector v = api.chunk_vector(input, (idx_t)(j + 2));
    size_t r = first_null(api.vector_validity(v), m);
    if (r < m) snprintf(msg, ERR_LEN, "NULL in column %d at result row %lld", j, (long long)(r0 + (int64_t)r));
    if (msg[0] == 0) memcpy(job->dst[j] + r0, api.vector_data(v), m * sizeof(double));
  }
  if (msg[0] != 0) {
    job_fail(job, msg);
    api.scalar_set_error(info, msg);
    return;
  }
  __atomic_fetch_add(&job->written, (size_t)m, __ATOMIC_RELAXED);
  memset(api.vector_data(output), 0, m * sizeof(int64_t));
}

static void execute_rows(napi_env env, void *data) {
  (void)env;
  ReadJob *job = (ReadJob *)data;
  if (!register_job(job)) {
    snprintf(job->error, ERR_LEN, "too many concurrent reads");
    return;
  }
  duckdb_connection con = NULL;
  if (api.connect(db, &con) != 0) {
    snprintf(job->error, ERR_LEN, "could not connect");
    unregister_job(job);
    return;
  }
  // An ungrouped aggregate over a parallel scan: every DuckDB thread copies the chunks it decodes; no result rows,
  // no order-preserving collector.
  size_t len = strlen(job->from) + strlen(job->row_expr) + strlen(job->cols_expr) + 96;
  char *sql = (char *)malloc(len);
  if (sql == NULL) {
    snprintf(job->error, ERR_LEN, "out of memory");
    api.disconnect(&con);
    unregister_job(job);
    return;
  }
  snprintf(sql, len, "SELECT min(qk_put(%llu, %s, %s)) FROM %s", (unsigned long long)job->id, job->row_expr,
           job->cols_expr, job->from);
  duckdb_result res;
  memset(&res, 0, sizeof res);
  if (api.query(con, sql, &res) != 0 && job->error[0] == 0) {
    const char *e = api.result_error(&res);
    snprintf(job->error, ERR_LEN, "%s", e ? e : "query failed");
  }
  api.destroy_result(&res);
  free(sql);
  api.disconnect(&con);
  unregister_job(job); // the query is over: none of DuckDB's threads is still in qk_put for it
  job->got = __atomic_load_n(&job->written, __ATOMIC_RELAXED);
  if (job->error[0] == 0 && job->got != job->rows)
    snprintf(job->error, ERR_LEN, "expected %zu rows, got %zu", job->rows, job->got);
  if (job->error[0] == 0 && job->ordered) {
    const double *t = job->dst[0];
    for (size_t r = 1; r < job->rows; r++) {
      if (t[r] < t[r - 1]) {
        snprintf(job->error, ERR_LEN, "column 0 out of order at result row %zu", r);
        break;
      }
    }
  }
}

static void free_job(ReadJob *job);

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
  free_job(job);
}

static char *copy_string(napi_env env, napi_value v) {
  size_t len = 0;
  if (napi_get_value_string_utf8(env, v, NULL, 0, &len) != napi_ok) return NULL;
  char *out = (char *)malloc(len + 1);
  if (out != NULL && napi_get_value_string_utf8(env, v, out, len + 1, &len) != napi_ok) {
    free(out);
    return NULL;
  }
  return out;
}

static void free_job(ReadJob *job) {
  free(job->sql);
  free(job->from);
  free(job->row_expr);
  free(job->cols_expr);
  free(job);
}

// A job over `targets` (a Float64Array[]) for `rows` rows from `offset`; NULL with a JavaScript error thrown.
static ReadJob *new_job(napi_env env, napi_value targets, napi_value offset_v, napi_value rows_v, bool ordered) {
  uint32_t ncols = 0;
  int64_t offset = 0, rows = 0;
  if (napi_get_array_length(env, targets, &ncols) != napi_ok || ncols == 0 || ncols > MAX_COLS) {
    throw_error(env, "qkread: 1 to 16 target columns");
    return NULL;
  }
  if (napi_get_value_int64(env, offset_v, &offset) != napi_ok || napi_get_value_int64(env, rows_v, &rows) != napi_ok ||
      offset < 0 || rows < 0) {
    throw_error(env, "qkread: offset and rows must be numbers ≥ 0");
    return NULL;
  }
  ReadJob *job = (ReadJob *)calloc(1, sizeof(ReadJob));
  if (job == NULL) {
    throw_error(env, "qkread: out of memory");
    return NULL;
  }
  job->ncols = (int)ncols;
  job->ordered = ordered ? 1 : 0;
  job->rows = (size_t)rows;
  for (uint32_t j = 0; j < ncols; j++) {
    napi_value el;
    napi_typedarray_type type;
    size_t length = 0;
    void *ptr = NULL;
    if (napi_get_element(env, targets, j, &el) != napi_ok ||
        napi_get_typedarray_info(env, el, &type, &length, &ptr, NULL, NULL) != napi_ok ||
        type != napi_float64_array) {
      free(job);
      throw_error(env, "qkread: every target must be a Float64Array");
      return NULL;
    }
    if ((size_t)offset + (size_t)rows > length) {
      free(job);
      throw_error(env, "qkread: a target is shorter than offset + rows");
      return NULL;
    }
    job->dst[j] = (double *)ptr + offset;
  }
  return job;
}

// Queues `execute` for the job on a libuv worker thread; the promise settles in complete_read.
static napi_value queue_job(napi_env env, ReadJob *job, napi_value targets, napi_async_execute_callback execute) {
  // the targets stay referenced (and their memory in place: ArrayBuffer backing stores do not move) until completion
  napi_value promise, name;
  if (napi_create_reference(env, targets, 1, &job->targets_ref) != napi_ok ||
      napi_create_promise(env, &job->deferred, &promise) != napi_ok ||
      napi_create_string_utf8(env, "qkread", NAPI_AUTO_LENGTH, &name) != napi_ok ||
      napi_create_async_work(env, NULL, name, execute, complete_read, job, &job->work) != napi_ok ||
      napi_queue_async_work(env, job->work) != napi_ok) {
    // (a reference or work created before the failure leaks with the job: this only happens when N-API is failing)
    return throw_error(env, "qkread: could not queue the read");
  }
  return promise;
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
  ReadJob *job = new_job(env, argv[1], argv[2], argv[3], ordered);
  if (job == NULL) return NULL;
  job->sql = copy_string(env, argv[0]);
  if (job->sql == NULL) {
    free_job(job);
    return throw_error(env, "qkread: sql must be a string");
  }
  return queue_job(env, job, argv[1], execute_read);
}

// readRows(from, rowExpr, colsExpr, targets, offset, rows, ordered): Promise<number>. Runs
// `SELECT min(qk_put(job, rowExpr, colsExpr)) FROM from` — a parallel scan whose chunks land at their row numbers —
// then checks the count and (ordered) that column 0 never decreases. For reads of one time-sorted Parquet file:
// rowExpr is `file_row_number - <first wanted row>`.
static napi_value read_rows(napi_env env, napi_callback_info info) {
  if (db == NULL) return throw_error(env, "qkread: open() first");
  size_t argc = 7;
  napi_value argv[7];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 7) return throw_error(env, "qkread: readRows(from, rowExpr, colsExpr, targets, offset, rows, ordered)");
  bool ordered = false;
  CHECK(napi_get_value_bool(env, argv[6], &ordered));
  ReadJob *job = new_job(env, argv[3], argv[4], argv[5], ordered);
  if (job == NULL) return NULL;
  job->from = copy_string(env, argv[0]);
  job->row_expr = copy_string(env, argv[1]);
  job->cols_expr = copy_string(env, argv[2]);
  if (job->from == NULL || job->row_expr == NULL || job->cols_expr == NULL) {
    free_job(job);
    return throw_error(env, "qkread: from, rowExpr and colsExpr must be strings");
  }
  return queue_job(env, job, argv[3], execute_rows);
}

// The smallest pooled block that fits `bytes` without wasting more than a quarter of it, or NULL.
static void *pool_take(size_t bytes, size_t *cap) {
  pthread_mutex_lock(&pool_lock);
  int best = -1;
  for (int k = 0; k < pool_n; k++) {
    if (pool[k].cap >= bytes && pool[k].cap - bytes <= bytes / 4 && (best < 0 || pool[k].cap < pool[best].cap))
      best = k;
  }
  void *p = NULL;
  if (best >= 0) {
    p = pool[best].p;
    *cap = pool[best].cap;
    pool_bytes -= pool[best].cap;
    pool[best] = pool[--pool_n];
  }
  pthread_mutex_unlock(&pool_lock);
  return p;
}

static void pool_give(void *p, size_t cap) {
  pthread_mutex_lock(&pool_lock);
  int kept = 0;
  if (pool_n < POOL_SLOTS && pool_bytes + cap <= pool_limit) {
    pool[pool_n].p = p;
    pool[pool_n].cap = cap;
    pool_n++;
    pool_bytes += cap;
    kept = 1;
  }
  pthread_mutex_unlock(&pool_lock);
  if (!kept) free(p);
}

static void free_block(napi_env env, void *data, void *hint) {
  (void)env;
  pool_give(data, (size_t)(uintptr_t)hint);
}

// allocUnfilled(bytes): an ArrayBuffer over heap memory that is NOT zeroed (a pooled block when one fits), for a
// result every byte of which read()/readRows() overwrites (the caller checks the row count; a failed read
// discards it). null when external buffers are not allowed.
static napi_value alloc_unfilled(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int64_t bytes = 0;
  CHECK(napi_get_value_int64(env, argv[0], &bytes));
  if (bytes <= 0) return throw_error(env, "qkread: allocUnfilled(bytes > 0)");
  size_t cap = 0;
  void *p = pool_take((size_t)bytes, &cap);
  if (p == NULL) {
    cap = (size_t)bytes;
    p = malloc(cap);
  }
  if (p == NULL) return throw_error(env, "qkread: out of memory");
  napi_value buf;
  if (napi_create_external_arraybuffer(env, p, (size_t)bytes, free_block, (void *)(uintptr_t)cap, &buf) != napi_ok) {
    pool_give(p, cap);
    napi_value nothing;
    napi_get_null(env, &nothing);
    return nothing;
  }
  return buf;
}

// trimPool(): frees every pooled block; returns the bytes given back.
static napi_value trim_pool(napi_env env, napi_callback_info info) {
  (void)info;
  pthread_mutex_lock(&pool_lock);
  size_t freed = pool_bytes;
  for (int k = 0; k < pool_n; k++) free(pool[k].p);
  pool_n = 0;
  pool_bytes = 0;
  pthread_mutex_unlock(&pool_lock);
  napi_value out;
  CHECK(napi_create_double(env, (double)freed, &out));
  return out;
}

// poolStats(): { blocks, bytes } currently pooled.
static napi_value pool_stats(napi_env env, napi_callback_info info) {
  (void)info;
  pthread_mutex_lock(&pool_lock);
  double blocks = (double)pool_n, bytes = (double)pool_bytes;
  pthread_mutex_unlock(&pool_lock);
  napi_value out, v;
  CHECK(napi_create_object(env, &out));
  CHECK(napi_create_double(env, blocks, &v));
  CHECK(napi_set_named_property(env, out, "blocks", v));
  CHECK(napi_create_double(env, bytes, &v));
  CHECK(napi_set_named_property(env, out, "bytes", v));
  return out;
}

NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
  napi_value fn;
  if (napi_create_function(env, "allocUnfilled", NAPI_AUTO_LENGTH, alloc_unfilled, NULL, &fn) != napi_ok)
    return NULL;
  if (napi_set_named_property(env, exports, "allocUnfilled", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "trimPool", NAPI_AUTO_LENGTH, trim_pool, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "trimPool", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "poolStats", NAPI_AUTO_LENGTH, pool_stats, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "poolStats", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "open", NAPI_AUTO_LENGTH, open_lib, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "open", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "read", NAPI_AUTO_LENGTH, read_columns, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "read", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "readRows", NAPI_AUTO_LENGTH, read_rows, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "readRows", fn) != napi_ok) return NULL;
  return exports;
}
