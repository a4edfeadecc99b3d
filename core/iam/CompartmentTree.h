#pragma once

#include "iam/IdentityTypes.h"

#include <QHash>
#include <QList>
#include <QVector>

namespace berth {

/// The compartment tree read from the database at one moment, with each compartment's full path.
/// A value: build one per operation (the table is small), never share it across changes.
class CompartmentTree
{
public:
    /// One row of the compartments table.
    struct Row
    {
        qint64 rowId = 0;
        QString id;
        qint64 parentRowId = 0; ///< 0 for the tenancy
        QString name;           ///< empty for the tenancy
        QString description;
        QDateTime createdAt;
    };

    /// Deepest compartment accepted below the tenancy (OCI allows six; Berth allows more).
    static constexpr int MaxDepth = 16;

    CompartmentTree() = default;
    explicit CompartmentTree(const QList<Row>& rows);

    const CompartmentRecord& tenancy() const;
    const CompartmentRecord* find(const CompartmentPath& path) const;
    const CompartmentRecord* byRowId(qint64 rowId) const;
    const CompartmentRecord* byId(const QString& id) const;
    /// Direct children, by name.
    QList<CompartmentRecord> children(qint64 rowId) const;
    /// True when `rowId` is `ancestorRowId` or below it.
    bool isWithin(qint64 rowId, qint64 ancestorRowId) const;
    /// Levels below `rowId` (0 for a leaf).
    int height(qint64 rowId) const;
    /// Every compartment, the tenancy first, then by path.
    QList<CompartmentRecord> all() const;
    /// Every path below the tenancy (what PolicyParser::validate checks locations against).
    QVector<CompartmentPath> paths() const;

private:
    QHash<qint64, CompartmentRecord> m_byRow;
    QHash<CompartmentPath, qint64> m_byPath;
    QHash<QString, qint64> m_byId;
    QHash<qint64, QList<qint64>> m_children;
    qint64 m_tenancyRow = 0;
};

} // namespace berth
