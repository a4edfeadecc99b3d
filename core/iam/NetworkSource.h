#pragma once

#include "iam/CidrRange.h"

#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace berth {

/// A named list of address ranges, as OCI's network sources: a policy condition
/// `request.networkSource.name = 'corpnet'` holds when the client's address is in one of them.
class NetworkSource
{
public:
    NetworkSource() = default;
    NetworkSource(QString name, QVector<CidrRange> ranges)
        : m_name(std::move(name)), m_ranges(std::move(ranges))
    {}

    /// Builds a source from range texts. Returns nullopt when any is invalid; `errors` then gets
    /// one message per bad entry ("network source corpnet, entry 2: ...").
    static std::optional<NetworkSource> create(const QString& name, const QStringList& ranges,
                                               QStringList* errors = nullptr);

    const QString& name() const { return m_name; }
    const QVector<CidrRange>& ranges() const { return m_ranges; }
    bool contains(const IpAddress& address) const;

private:
    QString m_name;
    QVector<CidrRange> m_ranges;
};

} // namespace berth
