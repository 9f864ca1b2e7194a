/* chc-validate.h — rules of the data, as pure functions (no GTK, no SQL).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "model/chc-facility.h"

G_BEGIN_DECLS

#define CHC_VALIDATE_ERROR (chc_validate_error_quark ())

typedef enum
{
  CHC_VALIDATE_ERROR_INVALID,
} ChcValidateError;

/* One broken rule: @field is the stable key of the field it concerns
 * ("code", "name", "parent", …), @message a translated sentence that names
 * the field. */
typedef struct
{
  char *field;
  char *message;
} ChcViolation;

#define CHC_TYPE_VIOLATION (chc_violation_get_type ())

GType         chc_violation_get_type   (void) G_GNUC_CONST;
GQuark        chc_validate_error_quark (void);
ChcViolation *chc_violation_new        (const char   *field,
                                        const char   *message);
ChcViolation *chc_violation_copy       (ChcViolation *violation);
void          chc_violation_free       (ChcViolation *violation);
GPtrArray    *chc_violations_new       (void);
void          chc_violations_add       (GPtrArray    *violations,
                                        const char   *field,
                                        const char   *format,
                                        ...) G_GNUC_PRINTF (3, 4);
const ChcViolation *chc_violations_find (GPtrArray   *violations,
                                        const char   *field);
/* Sets @error (CHC_VALIDATE_ERROR_INVALID, every message joined) and
 * returns FALSE when @violations is not empty; returns TRUE otherwise. */
gboolean      chc_violations_to_error  (GPtrArray    *violations,
                                        GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChcViolation, chc_violation_free)

/* What a facility's rules need to know of the rest of the registry. */
typedef struct
{
  ChcFacility *parent;            /* the parent centre, or NULL if none/unknown */
  gboolean     parent_missing;    /* a parent id is set but no such facility */
  gint64       town_district_id;  /* district of the chosen town, 0 if none */
  gboolean     code_taken;        /* another facility has the same code */
} ChcFacilityContext;

void          chc_validate_facility    (ChcFacility              *facility,
                                        const ChcFacilityContext *context,
                                        GPtrArray                *violations);

G_END_DECLS
