/* chc-sqlite-locks.c — SQLite's file locks that no stray close() can drop.
 *
 * SQLite's unix VFS locks the database and its -shm file with POSIX
 * record locks (fcntl F_SETLK).  POSIX locks belong to the process and are
 * all released when the process closes *any* descriptor of the file — and
 * a GUI process opens and closes files it does not own: GTK's file chooser
 * reads the first bytes of every file of a folder it shows (GIO's content
 * sniffing), so showing the database's folder in Import… dropped the
 * window's locks.  Another process (chc-cli) then believed it was the last
 * user of the file, checkpointed and deleted the -wal and -shm under the
 * window, whose later writes went to a deleted file and damaged the
 * database (issue 18).
 *
 * The cure at the root: the VFS's system calls are replaced (SQLite's
 * xSetSystemCall) so that every lock SQLite takes on a file is an open
 * file description lock (F_OFD_SETLK, Linux ≥ 3.15) taken on one
 * description of that file kept by this module for as long as SQLite has
 * the file open.  OFD locks are released only when that description is
 * closed, never by a close() of another descriptor; they conflict with
 * other processes' POSIX and OFD locks exactly as SQLite expects (SQLite
 * already merges its own connections' locks per file and per process, so
 * one description per file per process gives the same meaning), and
 * programs that use plain POSIX locks (the sqlite3 shell) still see them.
 * Where OFD locks are refused (EINVAL: an old kernel or a file system
 * without them), the original POSIX call is made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chc-database"
#define _GNU_SOURCE 1

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include <glib.h>

#include "chc-database-private.h"

#ifdef F_OFD_SETLK

typedef int (*OpenFunc) (const char *, int, ...);
typedef int (*CloseFunc) (int);
typedef int (*FcntlFunc) (int, int, ...);

static OpenFunc  real_open;
static CloseFunc real_close;
static FcntlFunc real_fcntl;

typedef struct
{
  dev_t  dev;
  ino_t  ino;
  int    lock_fd;   /* our description of the file, O_CLOEXEC */
  guint  n_fds;     /* SQLite's descriptors of it still open */
} LockFile;

static GMutex     lock_mutex;
static GHashTable *files_by_fd;   /* SQLite fd → LockFile (not owned) */
static GPtrArray  *files;         /* LockFile, owned */

static gboolean
is_lock_command (int cmd)
{
  return cmd == F_SETLK || cmd == F_SETLKW || cmd == F_GETLK;
}

static LockFile *
find_file (dev_t dev,
           ino_t ino)
{
  for (guint i = 0; i < files->len; i++)
    {
      LockFile *file = g_ptr_array_index (files, i);

      if (file->dev == dev && file->ino == ino)
        return file;
    }
  return NULL;
}

/* A new description of the file open as @fd, for writing when it can be
 * (a write lock needs one), else read-only. */
static int
open_lock_fd (int fd)
{
  g_autofree char *self_path = g_strdup_printf ("/proc/self/fd/%d", fd);
  int lock_fd = real_open (self_path, O_RDWR | O_CLOEXEC | O_NOCTTY, 0);

  if (lock_fd < 0)
    lock_fd = real_open (self_path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  return lock_fd;
}

/* Called with lock_mutex held, after SQLite opened @fd. */
static void
track_fd (int fd)
{
  struct stat st;
  LockFile *file;

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    return;

  file = find_file (st.st_dev, st.st_ino);
  if (file == NULL)
    {
      int lock_fd = open_lock_fd (fd);

      if (lock_fd < 0)
        return;   /* its locks stay plain POSIX locks on SQLite's fd */
      file = g_new0 (LockFile, 1);
      file->dev = st.st_dev;
      file->ino = st.st_ino;
      file->lock_fd = lock_fd;
      g_ptr_array_add (files, file);
    }
  file->n_fds++;
  g_hash_table_insert (files_by_fd, GINT_TO_POINTER (fd), file);
}

static int
chc_open (const char *path,
          int         flags,
          ...)
{
  mode_t mode = 0;
  int fd;

  if (flags & O_CREAT)
    {
      va_list args;

      va_start (args, flags);
      mode = (mode_t) va_arg (args, int);
      va_end (args);
    }

  fd = real_open (path, flags, mode);
  if (fd >= 0)
    {
      int saved_errno = errno;

      g_mutex_lock (&lock_mutex);
      track_fd (fd);
      g_mutex_unlock (&lock_mutex);
      errno = saved_errno;
    }
  return fd;
}

static int
chc_close (int fd)
{
  LockFile *file;

  g_mutex_lock (&lock_mutex);
  file = g_hash_table_lookup (files_by_fd, GINT_TO_POINTER (fd));
  if (file != NULL)
    {
      g_hash_table_remove (files_by_fd, GINT_TO_POINTER (fd));
      /* SQLite closes its last descriptor of a file only when none of
       * its connections holds a lock on it: the locks go with ours. */
      if (--file->n_fds == 0)
        {
          real_close (file->lock_fd);
          g_ptr_array_remove_fast (files, file);
        }
    }
  g_mutex_unlock (&lock_mutex);

  return real_close (fd);
}

static int
ofd_command (int cmd)
{
  switch (cmd)
    {
    case F_SETLK:
      return F_OFD_SETLK;
    case F_SETLKW:
      return F_OFD_SETLKW;
    default:
      return F_OFD_GETLK;
    }
}

static int
chc_fcntl (int fd,
           int cmd,
           ...)
{
  va_list args;

  va_start (args, cmd);
  if (is_lock_command (cmd))
    {
      struct flock *lock = va_arg (args, struct flock *);
      LockFile *file;
      int lock_fd = -1;

      va_end (args);

      g_mutex_lock (&lock_mutex);
      file = g_hash_table_lookup (files_by_fd, GINT_TO_POINTER (fd));
      if (file != NULL)
        lock_fd = file->lock_fd;
      g_mutex_unlock (&lock_mutex);

      if (lock_fd >= 0)
        {
          struct flock ofd = *lock;
          int rc;

          ofd.l_pid = 0;   /* required for OFD locks */
          rc = real_fcntl (lock_fd, ofd_command (cmd), &ofd);
          if (rc == 0 || errno != EINVAL)
            {
              if (rc == 0 && cmd == F_GETLK)
                {
                  *lock = ofd;
                  if (lock->l_type != F_UNLCK && lock->l_pid <= 0)
                    lock->l_pid = 1;   /* a holder, just not a process */
                }
              return rc;
            }
        }
      return real_fcntl (fd, cmd, lock);
    }
  else
    {
      int arg = va_arg (args, int);

      va_end (args);
      return real_fcntl (fd, cmd, arg);
    }
}

static gpointer
install_once (gpointer data)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find ("unix");

  if (vfs == NULL || vfs->iVersion < 3 || vfs->xSetSystemCall == NULL)
    {
      g_warning ("SQLite's unix VFS cannot be given its lock calls");
      return NULL;
    }

  real_open = (OpenFunc) vfs->xGetSystemCall (vfs, "open");
  real_close = (CloseFunc) vfs->xGetSystemCall (vfs, "close");
  real_fcntl = (FcntlFunc) vfs->xGetSystemCall (vfs, "fcntl");
  if (real_open == NULL || real_close == NULL || real_fcntl == NULL)
    {
      g_warning ("SQLite's unix VFS has no open/close/fcntl calls to replace");
      return NULL;
    }

  files_by_fd = g_hash_table_new (NULL, NULL);
  files = g_ptr_array_new_with_free_func (g_free);

  if (vfs->xSetSystemCall (vfs, "open", (sqlite3_syscall_ptr) chc_open) != SQLITE_OK ||
      vfs->xSetSystemCall (vfs, "close", (sqlite3_syscall_ptr) chc_close) != SQLITE_OK ||
      vfs->xSetSystemCall (vfs, "fcntl", (sqlite3_syscall_ptr) chc_fcntl) != SQLITE_OK)
    g_warning ("SQLite's unix VFS refused the lock calls");
  return NULL;
}
#endif /* F_OFD_SETLK: Linux; elsewhere SQLite's own POSIX locks */

/**
 * chc_sqlite_install_locks:
 *
 * Makes every lock SQLite takes in this process an OFD lock that survives
 * a close() of the file by other code (see the top of this file).  Called
 * before the first connection to a file is opened; idempotent.
 */
void
chc_sqlite_install_locks (void)
{
#ifdef F_OFD_SETLK
  static GOnce once = G_ONCE_INIT;

  g_once (&once, install_once, NULL);
#endif
}
