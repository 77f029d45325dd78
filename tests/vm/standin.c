/*
 * standin.c - a GoToSocial stand-in for the enforcing-VM tests of gotosocial-selinux.
 *
 * The real server cannot be built here, so this program, installed as the GoToSocial
 * binary, does what GoToSocial does at run time (shared/reference/gotosocial-footprint.md),
 * the way GoToSocial does it, reading the same configuration keys:
 *
 *   gotosocial --config-path config.yaml server start
 *       The allowed footprint, one line per action on stdout: "<action> ok" or
 *       "<action> <ERRNO> <detail>". Then listens on the configured port(s), prints
 *       "standin: ready", answers HTTP requests with the rendered template until SIGTERM.
 *       Exit status 0 when every action succeeded.
 *
 *   gotosocial --config-path config.yaml standin forbidden
 *       Attempts what a confined GoToSocial must not do. Each attempt runs in a child of its
 *       own and prints "forbid <action> ok|<ERRNO> pid=<child>", so that the test can find
 *       the AVC of each attempt by its pid. Exit status 0 (the test judges the lines).
 *
 *   gts-peer peer ADDRESS HTTP_PORT SMTP_PORT READY_FILE
 *       The other side for the tests (run unconfined by the test, not as GoToSocial): a tiny
 *       HTTP server and SMTP greeter on ADDRESS; creates READY_FILE once both listen.
 *
 * Configuration: a flat "key: value" YAML reader for the few scalar keys used here, with
 * GoToSocial's precedence: --key flags, then GTS_KEY environment variables, then the file.
 * Relative paths are relative to the working directory, as in GoToSocial.
 *
 * Build: cc -O2 -o gotosocial standin.c -lsqlite3 -lpq
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------------ results */

static int n_ok, n_failed;

/* Print one result line. err == 0: ok; err < 0: "absent" (an optional file GoToSocial
 * tolerates missing); otherwise the errno name. */
static void result(const char *action, int err, const char *fmt, ...)
{
    char detail[512] = "";
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(detail, sizeof detail, fmt, ap);
        va_end(ap);
        for (char *c = detail; *c; c++)
            if (*c == '\n' || *c == '\r') *c = ' ';       /* one line per action */
    }
    if (err == 0) {
        n_ok++;
        printf("%s ok%s%s\n", action, *detail ? " " : "", detail);
    } else if (err < 0) {
        n_ok++;
        printf("%s absent%s%s\n", action, *detail ? " " : "", detail);
    } else {
        n_failed++;
        printf("%s %s%s%s\n", action, strerrorname_np(err) ? strerrorname_np(err) : "E?",
               *detail ? " " : "", detail);
    }
}

/* ------------------------------------------------------------------ config */

struct kv { char key[64]; char val[512]; };
static struct kv conf[128];
static int nconf;
static char **cli_argv;
static int cli_argc;

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n')) *--e = 0;
    return s;
}

/* Top-level "key: value" scalars; quotes removed; comments after an unquoted value dropped. */
static int read_config(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return errno;
    char line[1024];
    while (fgets(line, sizeof line, f) && nconf < 128) {
        if (line[0] == ' ' || line[0] == '\t' || line[0] == '#' || line[0] == '-') continue;
        char *colon = strchr(line, ':');
        if (!colon) continue;
        *colon = 0;
        char *key = trim(line), *val = trim(colon + 1);
        if (*val == '"' || *val == '\'') {
            char q = *val++;
            char *end = strchr(val, q);
            if (end) *end = 0;
        } else {
            char *hash = strstr(val, " #");
            if (hash) *hash = 0;
            val = trim(val);
        }
        snprintf(conf[nconf].key, sizeof conf[nconf].key, "%s", key);
        snprintf(conf[nconf].val, sizeof conf[nconf].val, "%s", val);
        nconf++;
    }
    fclose(f);
    return 0;
}

/* flag --key=value / --key value, then GTS_KEY, then the file, then the default. */
static const char *cfg(const char *key, const char *def)
{
    size_t kl = strlen(key);
    for (int i = 1; i < cli_argc; i++) {
        const char *a = cli_argv[i];
        if (a[0] == '-' && a[1] == '-' && !strncmp(a + 2, key, kl)) {
            if (a[2 + kl] == '=') return a + 3 + kl;
            if (a[2 + kl] == 0 && i + 1 < cli_argc) return cli_argv[i + 1];
        }
    }
    char env[96] = "GTS_";
    for (size_t i = 0; i < kl && i < 80; i++)
        env[4 + i] = key[i] == '-' ? '_' : (key[i] >= 'a' && key[i] <= 'z' ? key[i] - 32 : key[i]);
    env[4 + (kl < 80 ? kl : 80)] = 0;
    const char *e = getenv(env);
    if (e && *e) return e;
    for (int i = 0; i < nconf; i++)
        if (!strcmp(conf[i].key, key)) return conf[i].val;
    return def;
}

static int cfg_true(const char *key)
{
    const char *v = cfg(key, "false");
    return !strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "1");
}

/* ------------------------------------------------------------------ file helpers */

static int mkdir_all(const char *path, mode_t mode)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/') continue;
        *p = 0;
        if (mkdir(buf, mode) && errno != EEXIST) return errno;
        *p = '/';
    }
    if (mkdir(buf, mode) && errno != EEXIST) return errno;
    return 0;
}

static int write_file(const char *path, const char *data, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) return errno;
    ssize_t n = write(fd, data, strlen(data));
    int err = n < 0 ? errno : 0;
    if (!err && fsync(fd)) err = errno;
    close(fd);
    return err;
}

/* Read a whole file (up to a limit); returns errno, 0 on success. */
static int read_file(const char *path, char *buf, size_t size, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno;
    size_t got = 0;
    char scratch[4096];
    for (;;) {
        char *dst = buf && got < size ? buf + got : scratch;
        size_t room = buf && got < size ? size - got : sizeof scratch;
        ssize_t n = read(fd, dst, room);
        if (n < 0) { int e = errno; close(fd); return e; }
        if (n == 0) break;
        got += n;
    }
    close(fd);
    if (buf && size) buf[got < size ? got : size - 1] = 0;
    if (len) *len = got;
    return 0;
}

static void check_read(const char *action, const char *path, int optional)
{
    int err = read_file(path, NULL, 0, NULL);
    if (optional && err == ENOENT) result(action, -1, "%s", path);
    else result(action, err, "%s", path);
}

/* temp file + rename, as Go's os.WriteFile-then-Rename and autocert's DirCache do. */
static int write_atomic(const char *dir, const char *name, const char *data, mode_t mode)
{
    char tmp[1024], dst[1024];
    snprintf(tmp, sizeof tmp, "%s/.%s.tmp%d", dir, name, (int)getpid());
    snprintf(dst, sizeof dst, "%s/%s", dir, name);
    int err = write_file(tmp, data, mode);
    if (err) return err;
    if (rename(tmp, dst)) return errno;
    return 0;
}

static int list_dir(const char *path, int *count)
{
    DIR *d = opendir(path);
    if (!d) return errno;
    int n = 0;
    errno = 0;
    while (readdir(d)) n++;
    int err = errno;
    closedir(d);
    if (count) *count = n;
    return err;
}

static void join(char *out, size_t size, const char *dir, const char *name)
{
    if (name[0] == '/') snprintf(out, size, "%s", name);
    else snprintf(out, size, "%s%s%s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", name);
}

/* ------------------------------------------------------------------ footprint */

static char template_text[8192];

static void do_web(void)
{
    const char *tdir = cfg("web-template-base-dir", "./web/template/");
    int n = 0;
    int err = list_dir(tdir, &n);
    result("list-templates", err, "%s", tdir);
    char path[1024];
    join(path, sizeof path, tdir, "index.tmpl");
    size_t len = 0;
    err = read_file(path, template_text, sizeof template_text, &len);
    result("read-template", err, "%s (%zu bytes)", path, len);

    const char *adir = cfg("web-asset-base-dir", "./web/assets/");
    err = list_dir(adir, &n);
    if (err == ENOENT) { result("list-assets", -1, "%s", adir); return; }
    result("list-assets", err, "%s", adir);
    join(path, sizeof path, adir, "style.css");
    check_read("read-asset", path, 1);
}

static void do_system_reads(void)
{
    static const char *etc[] = { "/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf",
                                 "/etc/services", "/etc/localtime", "/etc/machine-id" };
    for (size_t i = 0; i < sizeof etc / sizeof *etc; i++) check_read("read-etc", etc[i], 0);
    check_read("read-mime-types", "/etc/mime.types", 1);
    check_read("read-mime-globs", "/usr/share/mime/globs2", 1);
    check_read("read-ca-bundle", "/etc/ssl/certs/ca-certificates.crt", 0);
    int n = 0, err = list_dir("/etc/ssl/certs", &n);
    result("list-ca-dir", err, "/etc/ssl/certs (%d entries)", n);
    check_read("read-zoneinfo", "/usr/share/zoneinfo/UTC", 1);

    static const char *proc[] = { "/proc/self/cgroup", "/proc/self/mountinfo", "/proc/self/stat",
                                  "/proc/self/status", "/proc/self/maps", "/proc/cpuinfo",
                                  "/proc/meminfo", "/proc/stat", "/proc/sys/net/core/somaxconn",
                                  "/sys/kernel/mm/transparent_hugepage/hpage_pmd_size",
                                  "/sys/devices/system/cpu/online" };
    for (size_t i = 0; i < sizeof proc / sizeof *proc; i++) check_read("read-proc-sys", proc[i], 0);
    struct statfs sfs;
    result("statfs-proc", statfs("/proc", &sfs) ? errno : 0, "/proc");
    result("list-hugepages", list_dir("/sys/kernel/mm/hugepages", &n), "/sys/kernel/mm/hugepages");

    /* Own cgroup (cgroup v2: "0::/system.slice/gotosocial.service"): memory.max, cpu.max */
    char cg[512] = "";
    if (!read_file("/proc/self/cgroup", cg, sizeof cg, NULL)) {
        char *p = strstr(cg, "0::");
        if (p) {
            p += 3;
            p[strcspn(p, "\n")] = 0;
            char path[1024];
            snprintf(path, sizeof path, "/sys/fs/cgroup%s/memory.max", p);
            check_read("read-cgroup", path, 1);
            snprintf(path, sizeof path, "/sys/fs/cgroup%s/cpu.max", p);
            check_read("read-cgroup", path, 1);
        }
    }
    err = list_dir("/dev", &n);
    result("list-dev", err, "/dev (%d entries)", n);
    char rnd[32];
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    err = fd < 0 ? errno : (read(fd, rnd, sizeof rnd) == sizeof rnd ? 0 : EIO);
    if (fd >= 0) close(fd);
    result("read-urandom", err, "/dev/urandom");

    /* The Go runtime on itself: scheduler policy, signal 0, a preemption signal to a thread. */
    result("getsched-self", sched_getscheduler(0) < 0 ? errno : 0, NULL);
    result("signull-self", kill(getpid(), 0) ? errno : 0, NULL);
    signal(SIGURG, SIG_IGN);
    result("signal-self", syscall(SYS_tgkill, getpid(), gettid(), SIGURG) ? errno : 0, "SIGURG");
}

/* wazero: anonymous memory mapped RW, code written, then RX, and called. */
static void do_execmem(void)
{
    void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    result("mmap-anon-rwx", p == MAP_FAILED ? errno : 0, NULL);
    if (p != MAP_FAILED) munmap(p, 4096);

    unsigned char *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) { result("mmap-anon-rw", errno, NULL); return; }
    static const unsigned char ret42[] = { 0xb8, 42, 0, 0, 0, 0xc3 };   /* mov eax,42; ret */
    memcpy(code, ret42, sizeof ret42);
    int err = mprotect(code, 4096, PROT_READ | PROT_EXEC) ? errno : 0;
    int val = 0;
    if (!err) val = ((int (*)(void))(void *)code)();
    result("mprotect-anon-rx-and-run", err ? err : (val == 42 ? 0 : EINVAL), NULL);
    munmap(code, 4096);
}

/* The database stays open while the server runs, as GoToSocial's does (-wal and -shm exist
 * only while a connection is open). */
static sqlite3 *g_db;

static void do_sqlite(void)
{
    const char *addr = cfg("db-address", "sqlite.db");
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(addr, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        result("sqlite-open", sqlite3_system_errno(db) ? sqlite3_system_errno(db) : EIO,
               "%s: %s", addr, db ? sqlite3_errmsg(db) : "");
        sqlite3_close(db);
        return;
    }
    result("sqlite-open", 0, "%s", addr);
    static const struct { const char *name, *sql; } steps[] = {
        { "sqlite-wal", "PRAGMA journal_mode=WAL;" },
        { "sqlite-busy-timeout", "PRAGMA busy_timeout=5000;" },
        { "sqlite-create", "CREATE TABLE IF NOT EXISTS statuses(id INTEGER PRIMARY KEY, text TEXT, at TEXT);" },
        { "sqlite-insert", "INSERT INTO statuses(text, at) VALUES ('hello from the stand-in', datetime('now'));" },
        { "sqlite-select", "SELECT count(*) FROM statuses;" },
        { "sqlite-temp-store", "PRAGMA temp_store=FILE; CREATE TEMP TABLE t AS SELECT * FROM statuses; "
                               "SELECT count(*) FROM t ORDER BY 1;" },
        { "sqlite-checkpoint", "PRAGMA wal_checkpoint(TRUNCATE);" },
    };
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        char *msg = NULL;
        rc = sqlite3_exec(db, steps[i].sql, NULL, NULL, &msg);
        int err = rc == SQLITE_OK ? 0 : (sqlite3_system_errno(db) ? sqlite3_system_errno(db) : EIO);
        result(steps[i].name, err, "%s", msg ? msg : "");
        sqlite3_free(msg);
    }
    /* WAL mode really on, -shm really mapped */
    sqlite3_stmt *st;
    int wal = 0;
    if (sqlite3_prepare_v2(db, "PRAGMA journal_mode;", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            wal = !strcmp((const char *)sqlite3_column_text(st, 0), "wal");
        sqlite3_finalize(st);
    }
    result("sqlite-journal-is-wal", wal ? 0 : EINVAL, NULL);
    char maps[65536] = "", shm[1100];
    snprintf(shm, sizeof shm, "%s-shm", addr);
    read_file("/proc/self/maps", maps, sizeof maps, NULL);
    const char *base = strrchr(shm, '/') ? strrchr(shm, '/') + 1 : shm;
    result("sqlite-shm-mapped", strstr(maps, base) ? 0 : ENOENT, "%s", base);
    g_db = db;
}

static void ignore_notice(void *arg, const char *message) { (void)arg; (void)message; }

static void do_postgres(void)
{
    char conninfo[1024];
    snprintf(conninfo, sizeof conninfo, "host='%s' port='%s' user='%s' password='%s' dbname='%s' connect_timeout=10",
             cfg("db-address", "localhost"), cfg("db-port", "5432"), cfg("db-user", "gotosocial"),
             cfg("db-password", ""), cfg("db-database", "gotosocial"));
    PGconn *c = PQconnectdb(conninfo);
    if (PQstatus(c) != CONNECTION_OK) {
        char *m = PQerrorMessage(c);
        m[strcspn(m, "\n")] = 0;
        result("postgres-connect", strstr(m, "ermission denied") ? EACCES : ECONNREFUSED, "%s", m);
        PQfinish(c);
        return;
    }
    PQsetNoticeProcessor(c, ignore_notice, NULL);    /* "already exists, skipping" */
    result("postgres-connect", 0, "%s:%s", cfg("db-address", ""), cfg("db-port", "5432"));
    static const struct { const char *name, *sql; } steps[] = {
        { "postgres-create", "CREATE TABLE IF NOT EXISTS statuses(id serial PRIMARY KEY, text text, at timestamptz)" },
        { "postgres-insert", "INSERT INTO statuses(text, at) VALUES ('hello from the stand-in', now())" },
        { "postgres-select", "SELECT count(*) FROM statuses" },
    };
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        PGresult *r = PQexec(c, steps[i].sql);
        ExecStatusType s = PQresultStatus(r);
        result(steps[i].name, (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) ? 0 : EIO, "%s",
               PQresultErrorMessage(r));
        PQclear(r);
    }
    PQfinish(c);
}

static void do_storage(void)
{
    const char *base = cfg("storage-local-base-path", "/gotosocial/storage");
    result("storage-mkdirall", mkdir_all(base, 0755), "%s", base);
    char dir[1024], path[1100], dst[1100];
    snprintf(dir, sizeof dir, "%s/01HACCOUNT/attachment/original", base);
    result("storage-mkdir-media", mkdir_all(dir, 0755), "%s", dir);
    snprintf(path, sizeof path, "%s/01HMEDIA.jpeg.tmp", dir);
    snprintf(dst, sizeof dst, "%s/01HMEDIA.jpeg", dir);
    result("storage-write", write_file(path, "\xff\xd8\xff\xe0 not really a jpeg", 0644), "%s", path);
    result("storage-rename", rename(path, dst) ? errno : 0, "%s", dst);
    result("storage-read", read_file(dst, NULL, 0, NULL), "%s", dst);
    snprintf(path, sizeof path, "%s/01HOLDMEDIA.png", dir);
    write_file(path, "old", 0644);
    result("storage-unlink", unlink(path) ? errno : 0, "%s", path);
    snprintf(path, sizeof path, "%s/01HEMPTY", base);
    mkdir(path, 0755);
    result("storage-rmdir", rmdir(path) ? errno : 0, "%s", path);

    /* Let's Encrypt account and certificate keys: dir 0700, files 0600 via temp + rename */
    char certs[1024];
    snprintf(certs, sizeof certs, "%s", cfg("letsencrypt-cert-dir", "/gotosocial/storage/certs"));
    result("certs-mkdirall", mkdir_all(certs, 0700), "%s", certs);
    result("certs-write-key", write_atomic(certs, "acme_account+key",
           "-----BEGIN EC PRIVATE KEY-----\nnot a key\n-----END EC PRIVATE KEY-----\n", 0600), "%s", certs);
    snprintf(path, sizeof path, "%s/acme_account+key", certs);
    result("certs-read-key", read_file(path, NULL, 0, NULL), "%s", path);
}

static void do_cache_and_tmp(void)
{
    const char *cache = getenv("GTS_WAZERO_COMPILATION_CACHE");
    if (cache && *cache) {
        result("cache-mkdirall", mkdir_all(cache, 0700), "%s", cache);
        result("cache-write", write_atomic(cache, "wazero-sqlite.bin", "compiled module", 0600), "%s", cache);
        char path[1100];
        snprintf(path, sizeof path, "%s/wazero-sqlite.bin", cache);
        result("cache-read", read_file(path, NULL, 0, NULL), "%s", path);
        write_atomic(cache, "wazero-stale.bin", "stale", 0600);
        snprintf(path, sizeof path, "%s/wazero-stale.bin", cache);
        result("cache-unlink", unlink(path) ? errno : 0, "%s", path);
    }
    const char *tmpdir = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char path[1024];
    snprintf(path, sizeof path, "%s/gotosocial-XXXXXX", tmpdir);
    int fd = mkstemp(path);
    result("tmp-create", fd < 0 ? errno : 0, "%s", path);
    if (fd < 0) return;
    int err = write(fd, "remote media", 12) == 12 ? 0 : errno;
    result("tmp-write", err, NULL);
    char buf[16];
    err = pread(fd, buf, sizeof buf, 0) < 0 ? errno : 0;
    result("tmp-read", err, NULL);
    void *m = mmap(NULL, 12, PROT_READ, MAP_SHARED, fd, 0);
    result("tmp-mmap-read", m == MAP_FAILED ? errno : 0, NULL);
    if (m != MAP_FAILED) munmap(m, 12);
    close(fd);
    int n;
    result("tmp-list", list_dir(tmpdir, &n), "%s", tmpdir);
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/gotosocial-dirXXXXXX", tmpdir);
    result("tmp-mkdir", mkdtemp(dir) ? 0 : errno, "%s", dir);
    rmdir(dir);
    result("tmp-unlink", unlink(path) ? errno : 0, "%s", path);
}

static int tcp_connect(const char *host, const char *port, int *fd_out)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *res;
    int gai = getaddrinfo(host, port, &hints, &res);
    if (gai) return gai == EAI_SYSTEM ? errno : EHOSTUNREACH;
    int err = ECONNREFUSED;
    for (struct addrinfo *a = res; a; a = a->ai_next) {
        int fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, 0);
        if (fd < 0) { err = errno; continue; }
        struct timeval tv = { 10, 0 };
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
            freeaddrinfo(res);
            *fd_out = fd;
            return 0;
        }
        err = errno;
        close(fd);
    }
    freeaddrinfo(res);
    return err;
}

static void do_network_out(void)
{
    /* Federation: resolve a remote instance, fetch over HTTP(S) */
    const char *fed = getenv("STANDIN_FEDERATION");   /* host:port, set by the test */
    if (fed && *fed) {
        char host[256], port[16];
        snprintf(host, sizeof host, "%.*s", (int)strcspn(fed, ":"), fed);
        snprintf(port, sizeof port, "%s", strchr(fed, ':') ? strchr(fed, ':') + 1 : "443");
        struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res;
        int gai = getaddrinfo(host, port, &hints, &res);
        result("resolve", gai ? (gai == EAI_SYSTEM ? errno : EHOSTUNREACH) : 0, "%s", host);
        if (!gai) freeaddrinfo(res);
        int fd, err = tcp_connect(host, port, &fd);
        if (!err) {
            const char *req = "GET /.well-known/nodeinfo HTTP/1.0\r\nHost: fedi.test\r\n\r\n";
            char buf[256] = "";
            if (write(fd, req, strlen(req)) < 0 || read(fd, buf, sizeof buf - 1) <= 0) err = errno ? errno : EIO;
            else if (strncmp(buf, "HTTP/1.", 7)) err = EPROTO;
            close(fd);
        }
        result("federation-fetch", err, "%s:%s", host, port);
    }
    const char *smtp = cfg("smtp-host", "");
    if (*smtp) {
        int fd, err = tcp_connect(smtp, cfg("smtp-port", "0"), &fd);
        if (!err) {
            char buf[256] = "";
            if (read(fd, buf, sizeof buf - 1) <= 0) err = errno ? errno : EIO;
            else if (strncmp(buf, "220", 3)) err = EPROTO;
            (void)!write(fd, "QUIT\r\n", 6);
            close(fd);
        }
        result("smtp-connect", err, "%s:%s", smtp, cfg("smtp-port", "0"));
    }
}

/* ------------------------------------------------------------------ listening */

static volatile sig_atomic_t stop;
static void on_term(int sig) { (void)sig; stop = 1; }

static int listen_on(const char *addr, const char *port)
{
    struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE | AI_NUMERICHOST }, *res;
    if (!strcmp(addr, "")) addr = "0.0.0.0";
    int gai = getaddrinfo(addr, port, &hints, &res);
    if (gai) { errno = EINVAL; return -1; }
    int fd = socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) { freeaddrinfo(res); return -1; }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, res->ai_addr, res->ai_addrlen) || listen(fd, 128)) {
        int e = errno;
        close(fd);
        freeaddrinfo(res);
        errno = e;
        return -1;
    }
    freeaddrinfo(res);
    return fd;
}

static void serve(int *fds, int nfds, const char *banner_or_null)
{
    struct pollfd pfd[4];
    for (int i = 0; i < nfds; i++) pfd[i] = (struct pollfd){ .fd = fds[i], .events = POLLIN };
    while (!stop) {
        int n = poll(pfd, nfds, -1);
        if (n < 0) continue;
        for (int i = 0; i < nfds; i++) {
            if (!(pfd[i].revents & POLLIN)) continue;
            int c = accept4(fds[i], NULL, NULL, SOCK_CLOEXEC);
            if (c < 0) continue;
            struct timeval tv = { 5, 0 };
            setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            char req[2048];
            if (banner_or_null && i == 1) {          /* peer: SMTP greeter */
                const char *b = "220 fedi.test ESMTP stand-in\r\n";
                (void)!write(c, b, strlen(b));
                (void)!read(c, req, sizeof req);
                (void)!write(c, "221 bye\r\n", 9);
                close(c);
                continue;
            }
            ssize_t r = read(c, req, sizeof req - 1);
            req[r > 0 ? r : 0] = 0;
            if (g_db && !banner_or_null) {       /* a page view reads the database */
                char *msg = NULL;
                int rc = sqlite3_exec(g_db, "INSERT INTO statuses(text, at) VALUES ('page view', datetime('now'));"
                                            "SELECT count(*) FROM statuses;", NULL, NULL, &msg);
                result("http-db-query", rc == SQLITE_OK ? 0 : (sqlite3_system_errno(g_db) ? sqlite3_system_errno(g_db) : EIO),
                       "%s", msg ? msg : "");
                sqlite3_free(msg);
            }
            char body[10240];
            int bl = snprintf(body, sizeof body, "%s\nstand-in: %d ok, %d failed\n",
                              banner_or_null ? "{\"links\":[]}" : template_text, n_ok, n_failed);
            char head[256];
            int hl = snprintf(head, sizeof head,
                              "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n", bl);
            (void)!write(c, head, hl);
            (void)!write(c, body, bl);
            close(c);
            if (!banner_or_null) printf("http-request ok %.*s\n", (int)strcspn(req, "\r\n"), req);
        }
    }
}

static int server_start(void)
{
    result("read-config", 0, "%s", cfg("config-path", ""));
    char cwd[1024];
    result("getcwd", getcwd(cwd, sizeof cwd) ? 0 : errno, "%s", cwd);
    do_web();
    do_system_reads();
    do_execmem();
    if (!strcmp(cfg("db-type", "sqlite"), "postgres")) do_postgres();
    else do_sqlite();
    do_storage();
    do_cache_and_tmp();
    do_network_out();

    int fds[2], nfds = 0;
    const char *addr = cfg("bind-address", "0.0.0.0");
    const char *port = cfg("port", "8080");
    fds[nfds] = listen_on(addr, port);
    result("listen", fds[nfds] < 0 ? errno : 0, "%s:%s", addr, port);
    if (fds[nfds] >= 0) nfds++;
    if (cfg_true("letsencrypt-enabled")) {
        const char *le = cfg("letsencrypt-port", "80");
        fds[nfds] = listen_on(addr, le);
        result("listen-letsencrypt", fds[nfds] < 0 ? errno : 0, "%s:%s", addr, le);
        if (fds[nfds] >= 0) nfds++;
    }
    printf("standin: %d ok, %d failed\n", n_ok, n_failed);
    printf("standin: ready\n");
    fflush(stdout);
    serve(fds, nfds, NULL);
    printf("standin: stopping\n");
    if (g_db) result("sqlite-close", sqlite3_close(g_db) == SQLITE_OK ? 0 : EIO, NULL);
    return n_failed ? 1 : 0;
}

/* ------------------------------------------------------------------ forbidden */

/* Run one attempt in a child of its own, so that its AVC can be found by pid. The child
 * reports its errno through a close-on-exec pipe: an attempt that ends in a successful
 * execve closes the pipe without writing, which reads as "ok". STANDIN_FORBID_ONLY (space
 * separated action names) limits the run to those actions. */
static void forbid(const char *action, int (*attempt)(const void *), const void *arg)
{
    const char *only = getenv("STANDIN_FORBID_ONLY");
    if (only && *only) {
        char list[512], *save;
        int found = 0;
        snprintf(list, sizeof list, "%s", only);
        for (char *p = strtok_r(list, " ", &save); p; p = strtok_r(NULL, " ", &save))
            if (!strcmp(p, action)) found = 1;
        if (!found) return;
    }
    int p[2];
    if (pipe2(p, O_CLOEXEC)) { printf("forbid %s EPIPE pid=0\n", action); return; }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        int err = attempt(arg);
        (void)!write(p[1], &err, sizeof err);
        _exit(0);
    }
    close(p[1]);
    int err = 0;
    ssize_t got = read(p[0], &err, sizeof err);
    if (got == 0) err = 0;                 /* exec succeeded */
    else if (got != sizeof err) err = EIO;
    close(p[0]);
    waitpid(pid, NULL, 0);
    printf("forbid %s %s pid=%d\n", action, err ? strerrorname_np(err) : "ok", (int)pid);
}

static int try_read(const void *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno;
    char b;
    int err = read(fd, &b, 1) < 0 ? errno : 0;
    close(fd);
    return err;
}

static int try_write(const void *path)
{
    int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);   /* append: never destroys */
    if (fd < 0) return errno;
    close(fd);
    return 0;
}

static int try_create(const void *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return errno;
    close(fd);
    unlink(path);
    return 0;
}

/* Write a script where the domain may write (allowed work), then execute it in this very
 * process: the execute check is made against this pid. */
static int try_exec_written(const void *path)
{
    int err = write_file(path, "#!/bin/sh\nexit 0\n", 0755);
    if (err) return err == EACCES ? EIO : err;
    chmod(path, 0755);
    execl(path, path, (char *)NULL);
    err = errno;
    unlink(path);
    return err;
}

static int try_mmap_exec_written(const void *path)
{
    int err = write_file(path, "\xc3", 0644);
    if (err) return err == EACCES ? EIO : err;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno;
    void *m = mmap(NULL, 1, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
    err = m == MAP_FAILED ? errno : 0;
    if (m != MAP_FAILED) munmap(m, 1);
    close(fd);
    unlink(path);
    return err;
}

static int try_bind(const void *port)
{
    int fd = listen_on("127.0.0.1", port);
    if (fd < 0) return errno;
    close(fd);
    return 0;
}

static int try_connect(const void *port)
{
    int fd, err = tcp_connect("127.0.0.1", port, &fd);
    if (!err) close(fd);
    return err;
}

static int try_ptrace(const void *pidstr)
{
    pid_t pid = atoi(pidstr);
    if (pid <= 0) return ESRCH;
    if (ptrace(PTRACE_ATTACH, pid, 0, 0)) return errno;
    waitpid(pid, NULL, 0);
    ptrace(PTRACE_DETACH, pid, 0, 0);
    return 0;
}

static int try_load_module(const void *unused)
{
    (void)unused;
    /* An empty image: the capability check comes first; with it granted the kernel would
     * refuse the image itself (ENOEXEC/EFAULT), which still counts as "not denied". */
    if (syscall(SYS_init_module, "", (unsigned long)0, "") == 0) return 0;
    return errno == EPERM || errno == EACCES ? errno : 0;
}

static int forbidden(void)
{
    char self[1024] = "";
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) self[n] = 0;
    const char *conf_path = cfg("config-path", "config.yaml");
    char tmpl[1024], tdir_new[1024], sfile[1100], tfile[1100];
    join(tmpl, sizeof tmpl, cfg("web-template-base-dir", "./web/template/"), "index.tmpl");
    join(tdir_new, sizeof tdir_new, cfg("web-template-base-dir", "./web/template/"), "evil.tmpl");
    const char *storage = cfg("storage-local-base-path", "/gotosocial/storage");
    snprintf(sfile, sizeof sfile, "%s/evil.sh", storage);
    const char *tmpdir = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(tfile, sizeof tfile, "%s/gotosocial-evil.sh", tmpdir);
    char sfile2[1100], tfile2[1100];
    snprintf(sfile2, sizeof sfile2, "%s/evil.so", storage);
    snprintf(tfile2, sizeof tfile2, "%s/gotosocial-evil.so", tmpdir);
    const char *ptrace_pid = getenv("STANDIN_PTRACE_PID") ? getenv("STANDIN_PTRACE_PID") : "0";

    forbid("read-shadow", try_read, "/etc/shadow");
    forbid("read-user-home", try_read, "/home/alice/notes.txt");
    forbid("read-root-ssh", try_read, "/root/.ssh/authorized_keys");
    forbid("write-own-binary", try_write, self);
    forbid("write-config", try_write, conf_path);
    forbid("write-template", try_write, tmpl);
    forbid("create-in-templates", try_create, tdir_new);
    forbid("exec-from-storage", try_exec_written, sfile);
    forbid("exec-from-tmp", try_exec_written, tfile);
    forbid("mmap-exec-from-storage", try_mmap_exec_written, sfile2);
    forbid("mmap-exec-from-tmp", try_mmap_exec_written, tfile2);
    forbid("bind-ssh-port", try_bind, "22");
    forbid("bind-unreserved-port", try_bind, getenv("STANDIN_UNRESERVED_PORT") ? getenv("STANDIN_UNRESERVED_PORT") : "18765");
    forbid("connect-ssh-port", try_connect, "22");
    if (getenv("STANDIN_FORBID_CONNECT")) {
        /* space-separated ports this configuration must not reach (e.g. SMTP when the
         * tunable is off) */
        char list[256];
        snprintf(list, sizeof list, "%s", getenv("STANDIN_FORBID_CONNECT"));
        for (char *save, *p = strtok_r(list, " ", &save); p; p = strtok_r(NULL, " ", &save)) {
            char name[64];
            snprintf(name, sizeof name, "connect-port-%s", p);
            forbid(name, try_connect, p);
        }
    }
    forbid("ptrace-other-process", try_ptrace, ptrace_pid);
    forbid("load-kernel-module", try_load_module, NULL);
    forbid("write-other-service-data", try_write, "/var/www/html/index.html");
    printf("standin: forbidden done\n");
    return 0;
}

/* ------------------------------------------------------------------ peer */

static int peer(int argc, char **argv)
{
    if (argc < 6) { fprintf(stderr, "usage: gts-peer peer ADDRESS HTTP_PORT SMTP_PORT READY_FILE\n"); return 2; }
    int fds[2];
    fds[0] = listen_on(argv[2], argv[3]);
    fds[1] = listen_on(argv[2], argv[4]);
    if (fds[0] < 0 || fds[1] < 0) { perror("gts-peer: listen"); return 1; }
    write_file(argv[5], "ready\n", 0644);
    serve(fds, 2, "peer");
    return 0;
}

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct sigaction sa = { .sa_handler = on_term };
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    cli_argc = argc;
    cli_argv = argv;
    if (argc > 1 && !strcmp(argv[1], "peer")) return peer(argc, argv);

    const char *cp = cfg("config-path", "");
    if (*cp) {
        int err = read_config(cp);
        if (err) { result("read-config", err, "%s", cp); return 1; }
    }
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "server") && i + 1 < argc && !strcmp(argv[i + 1], "start")) return server_start();
        if (!strcmp(argv[i], "standin") && i + 1 < argc && !strcmp(argv[i + 1], "forbidden")) return forbidden();
    }
    fprintf(stderr, "usage: gotosocial --config-path FILE server start | standin forbidden\n");
    return 2;
}
