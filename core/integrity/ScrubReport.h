#pragma once

#include "oci/Digest.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace berth {

/// What a scrub found and did.
struct ScrubReport
{
    /// A copy that was missing, corrupt or unreadable in one fault domain.
    struct Copy
    {
        Digest digest;
        QString domain;  ///< the domain's directory
        QString problem; ///< "missing", "corrupt" or "unreadable"
        QString error;   ///< why the repair failed (empty when it worked)
    };
    /// A blob with no good copy in any domain.
    struct Lost
    {
        Digest digest;
        QStringList repositories; ///< repositories that hold or use it
        QStringList manifests;    ///< "repository@digest" of manifests that are or reference it
    };

    QStringList domains;
    qint64 blobsChecked = 0;
    qint64 copiesChecked = 0; ///< copies present and re-hashed
    qint64 bytesHashed = 0;
    QList<Copy> repaired;
    QList<Copy> notRepaired; ///< a good copy exists, but writing the domain's copy failed
    QList<Lost> unrepairable;
    bool cancelled = false;

    /// Figures and lists (each at most `cap` entries, with the full counts alongside).
    QJsonObject toJson(int cap = 1000) const;
    /// One line for a person.
    QString summary() const;
};

} // namespace berth
