#pragma once

#include "oci/Descriptor.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QString>

namespace berth {

/// The platform a Docker archive is written for: "os/architecture[/variant]" as docker and skopeo
/// write it ("linux/amd64", "linux/arm64/v8"). Picks the matching entry of a multi-arch index.
class ExportPlatform
{
    Q_DECLARE_TR_FUNCTIONS(ExportPlatform)

public:
    /// Unsupported with a message saying how to write one when `text` is not a platform.
    static Result<ExportPlatform> parse(const QString& text);

    /// "os/architecture[/variant]" of a descriptor's platform ("unknown" for what is missing).
    static QString describe(const Platform& platform);

    /// True when `platform` is this one. Without a variant here any variant matches (arm64 is
    /// usually published as arm64/v8); with one it must be equal.
    bool matches(const Platform& platform) const;
    /// Like matches(), but the variants must be equal too (both empty counts).
    bool matchesExactly(const Platform& platform) const;
    /// True for index entries that are not runnable images (attestations are listed as unknown/unknown).
    static bool isRunnable(const Platform& platform);

    QString toString() const;

private:
    QString m_os;
    QString m_architecture;
    QString m_variant;
};

} // namespace berth
