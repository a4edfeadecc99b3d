#pragma once

#include "registry/RepositoryCatalog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QIcon>
#include <QList>
#include <QUrl>
#include <QVariant>

class QMimeData;

namespace berth {

/// What the console's models share: how sizes, times and kinds read, their icons, and which drops are
/// files to import.
class ModelSupport
{
    Q_DECLARE_TR_FUNCTIONS(berth::ModelSupport)

public:
    /// The dropped URLs when there are some and every one is a local file; else empty.
    static QList<QUrl> localFiles(const QMimeData* data);
    /// "1.5 MB" in the user's locale; empty for a negative (unknown) size.
    static QString size(qint64 bytes);
    /// The time in the user's locale, short format, local time; empty when null.
    static QString time(const QDateTime& t);
    /// msecs since the epoch, or a very small number for a null time (sorts first).
    static QVariant sortTime(const QDateTime& t);
    /// "Image", "Multi-arch index", "Helm chart", "Artifact".
    static QString kindText(ImageSummary::Kind kind);
    static QIcon kindIcon(ImageSummary::Kind kind);
    /// "docker pull HOST/REPO:TAG" (or @digest without a tag); no "HOST/" when the host is empty.
    static QString pullCommand(const QString& host, const QString& repository, const QString& tag,
                               const Digest& digest);
    /// A theme icon, or a null icon when there is no theme (views still work).
    static QIcon themeIcon(const QString& name);
};

} // namespace berth
