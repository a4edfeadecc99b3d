#include "iam/CompartmentTree.h"

#include <algorithm>

namespace berth {

CompartmentTree::CompartmentTree(const QList<Row>& rows)
{
    QHash<qint64, const Row*> byRow;
    for (const Row& r : rows) {
        byRow.insert(r.rowId, &r);
        if (r.parentRowId == 0 && m_tenancyRow == 0)
            m_tenancyRow = r.rowId;
        else if (r.parentRowId != 0)
            m_children[r.parentRowId].append(r.rowId);
    }
    for (const Row& r : rows) {
        // Walk up to the tenancy; a broken chain (never expected) leaves the row out.
        QStringList names;
        const Row* at = &r;
        int guard = 0;
        bool reached = false;
        while (at && guard++ <= MaxDepth * 4) {
            if (at->parentRowId == 0) {
                reached = at->rowId == m_tenancyRow;
                break;
            }
            names.prepend(at->name);
            at = byRow.value(at->parentRowId, nullptr);
        }
        if (!reached)
            continue;
        CompartmentRecord c;
        c.rowId = r.rowId;
        c.id = r.id;
        c.parentRowId = r.parentRowId;
        c.path = CompartmentPath(names);
        c.description = r.description;
        c.createdAt = r.createdAt;
        if (const Row* parent = byRow.value(r.parentRowId, nullptr))
            c.parentId = parent->id;
        m_byRow.insert(c.rowId, c);
        m_byPath.insert(c.path, c.rowId);
        m_byId.insert(c.id, c.rowId);
    }
    for (auto it = m_children.begin(); it != m_children.end(); ++it) {
        std::sort(it->begin(), it->end(), [this](qint64 a, qint64 b) {
            return m_byRow.value(a).path.name() < m_byRow.value(b).path.name();
        });
    }
}

const CompartmentRecord& CompartmentTree::tenancy() const
{
    static const CompartmentRecord none;
    auto it = m_byRow.constFind(m_tenancyRow);
    return it == m_byRow.constEnd() ? none : *it;
}

const CompartmentRecord* CompartmentTree::find(const CompartmentPath& path) const
{
    auto it = m_byPath.constFind(path);
    return it == m_byPath.constEnd() ? nullptr : byRowId(*it);
}

const CompartmentRecord* CompartmentTree::byRowId(qint64 rowId) const
{
    auto it = m_byRow.constFind(rowId);
    return it == m_byRow.constEnd() ? nullptr : &*it;
}

const CompartmentRecord* CompartmentTree::byId(const QString& id) const
{
    auto it = m_byId.constFind(id);
    return it == m_byId.constEnd() ? nullptr : byRowId(*it);
}

QList<CompartmentRecord> CompartmentTree::children(qint64 rowId) const
{
    QList<CompartmentRecord> out;
    for (qint64 child : m_children.value(rowId)) {
        if (const auto* c = byRowId(child))
            out.append(*c);
    }
    return out;
}

bool CompartmentTree::isWithin(qint64 rowId, qint64 ancestorRowId) const
{
    const CompartmentRecord* a = byRowId(ancestorRowId);
    const CompartmentRecord* c = byRowId(rowId);
    return a && c && a->path.contains(c->path);
}

int CompartmentTree::height(qint64 rowId) const
{
    int best = 0;
    for (qint64 child : m_children.value(rowId)) {
        if (m_byRow.contains(child))
            best = std::max(best, 1 + height(child));
    }
    return best;
}

QList<CompartmentRecord> CompartmentTree::all() const
{
    QList<CompartmentRecord> out = m_byRow.values();
    std::sort(out.begin(), out.end(), [](const CompartmentRecord& a, const CompartmentRecord& b) {
        return a.path.names() < b.path.names();
    });
    return out;
}

QVector<CompartmentPath> CompartmentTree::paths() const
{
    QVector<CompartmentPath> out;
    for (const CompartmentRecord& c : all()) {
        if (!c.path.isTenancy())
            out.append(c.path);
    }
    return out;
}

} // namespace berth
