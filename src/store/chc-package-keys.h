/* chc-package-keys.h — who made a package: signing keys, signed package
 * headers, and the senders' keys pinned by a receiving database
 * (issue 18).
 *
 * Every installation (database file, see installation_id) has an Ed25519
 * key pair, made with libsodium on first use.  Its secret half (a 32-byte
 * seed) is kept in the database's meta table, bound to the installation
 * id: when the file becomes another installation (copied, moved or
 * restored), the next use makes a new pair and the old seed is
 * overwritten, so a copy never signs as the original.  Packages carry the
 * signer's public key and a detached signature in their header.  A
 * receiving database pins the key of a sender (by installation, and by the
 * centre its packages are for) at the first merge, once the user compared
 * its fingerprint, or from a registration file; a later package claiming
 * the same installation or centre with another key is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chc-database.h"
#include "chc-package.h"

G_BEGIN_DECLS

#define CHC_PACKAGE_PUBLIC_KEY_SIZE 32

/* ---- fingerprints ------------------------------------------------------ */

/* A short digest of a public key to compare by phone: 20 hex digits in
 * groups of four, "3F2A-91C0-77D4-0B1E-5A62" (the first 80 bits of its
 * SHA-256). */
char        *chc_package_key_fingerprint       (const guint8 *public_key);
/* The same from the key's 64 hex digits; NULL if @hex is not a key. */
char        *chc_package_key_fingerprint_hex   (const char   *hex);
/* Whether two fingerprints are the same, ignoring case, spaces and
 * dashes. */
gboolean     chc_package_fingerprint_equal     (const char   *a,
                                                const char   *b);

/* ---- this installation's key ------------------------------------------ */

/* The fingerprint of this installation's key (made if it has none yet, or
 * if the key was made for another installation id). */
char        *chc_database_get_package_fingerprint (ChcDatabase  *self,
                                                   GError      **error);
/* Replaces this installation's key pair by a new one; the old secret key
 * is overwritten.  Recorded in the audit log.  Returns the new
 * fingerprint; @old_fingerprint (may be NULL) gets the old one. */
char        *chc_database_rotate_package_key   (ChcDatabase  *self,
                                                char        **old_fingerprint,
                                                GError      **error);

/* ---- the header of a package file (chc-package.c) --------------------- */

typedef struct
{
  int      format;         /* 1: unsigned (before issue 18), 2: signed */
  gsize    image_offset;   /* where the SQLite image starts */
  guint64  image_size;
  char    *sha256;         /* of the image, hex */
  char    *public_key;     /* the signer's, hex; NULL: format 1 */
  char    *fingerprint;    /* of public_key; NULL: format 1 */
} ChcPackageHeader;

/* Images larger than this are read a chunk at a time, their pages dropped
 * from memory once read (a package never takes much more memory than a
 * few chunks, whatever its size). */
#define CHC_PACKAGE_LARGE_IMAGE ((guint64) 64 * 1024 * 1024)
#define CHC_PACKAGE_IMAGE_CHUNK ((gsize) 4 * 1024 * 1024)
/* No package image is larger (a length field beyond is damage). */
#define CHC_PACKAGE_MAX_IMAGE ((guint64) 16 * 1024 * 1024 * 1024)
/* Drops the pages of a mapped file between @from and @to once read. */
void         chc_package_drop_pages            (const void       *base,
                                                gsize             from,
                                                gsize             to);

void         chc_package_header_clear          (ChcPackageHeader *header);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ChcPackageHeader, chc_package_header_clear)

/* Checks the header of a package file's @contents: magic, format, length,
 * signature, then the SHA-256 of the image.  Nothing of the image is read
 * by SQLite before this returns TRUE. */
gboolean     chc_package_header_read           (const guint8      *contents,
                                                gsize              length,
                                                const char        *display,
                                                ChcPackageHeader  *header,
                                                GError           **error);

/* The signed header (format 2) of @image, signed with @database's key;
 * @header gets its fields. */
GBytes      *chc_package_header_write          (ChcDatabase       *database,
                                                const guint8      *image,
                                                gsize              image_size,
                                                ChcPackageHeader  *header,
                                                GError           **error);

/* ---- pinned keys ------------------------------------------------------ */

typedef struct
{
  char *installation;
  char *centre;        /* code; "" for whole-database packages */
  char *centre_name;
  char *public_key;    /* hex */
  char *fingerprint;
  char *pinned_at;
  char *pinned_by;
  char *origin;        /* "merge FILE" or "registration FILE" */
} ChcSenderKey;

void         chc_sender_key_free               (ChcSenderKey *key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcSenderKey, chc_sender_key_free)

/* "金泽社区卫生服务中心 (310118C02)" or "installation UUID". */
char        *chc_package_describe_sender       (const char   *centre,
                                                const char   *centre_name,
                                                const char   *installation);

/* The pinned keys (ChcSenderKey), by centre and installation. */
GPtrArray   *chc_database_list_sender_keys     (ChcDatabase  *self,
                                                GError      **error);

/* Forgets the key of @sender (a centre code or name, or an installation
 * id), wherever it is pinned, recording @reason in the audit log; the next
 * package of that sender is pinned again.  Returns the number of pins
 * removed; 0 with an error when @sender has none. */
guint        chc_database_forget_sender_key    (ChcDatabase  *self,
                                                const char   *sender,
                                                const char   *reason,
                                                GError      **error);

/* A registration file: this installation's public key, installation id
 * and (optionally) the centre it sends packages for, signed with its key.
 * Handed to the commission on paper, by hand or e-mail, and compared by
 * phone. */
gboolean     chc_database_export_registration  (ChcDatabase  *self,
                                                const char   *centre,
                                                const char   *path,
                                                GError      **error);
/* Pins the key of a registration file.  @expected_fingerprint (may be
 * NULL) must match it.  A key already pinned for the same installation or
 * centre is refused. */
ChcSenderKey *chc_database_import_registration (ChcDatabase  *self,
                                                const char   *path,
                                                const char   *expected_fingerprint,
                                                GError      **error);

/* ---- at a merge (chc-package.c) --------------------------------------- */

/* Checks who signed the package of @info against the keys pinned in
 * @database: refuses an unsigned package, and one claiming a pinned
 * installation or centre with another key.  A sender not pinned yet is
 * marked as new on @plan; when @applying, it must have been trusted on the
 * plan (chc_merge_plan_set_signer_trusted()) or nothing is merged. */
gboolean     chc_package_check_sender          (ChcDatabase          *database,
                                                const ChcPackageInfo *info,
                                                ChcMergePlan         *plan,
                                                gboolean              applying,
                                                GError              **error);
/* Pins the signer of @info (inside the merge's transaction), recorded in
 * the audit log under @origin. */
gboolean     chc_package_pin_sender            (ChcDatabase          *database,
                                                const ChcPackageInfo *info,
                                                const char           *origin,
                                                GError              **error);

G_END_DECLS
