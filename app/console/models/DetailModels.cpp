#include "models/DetailModels.h"

#include "models/ConsoleRoles.h"
#include "models/ModelSupport.h"

namespace berth {

namespace {

QVariant sizeData(qint64 size, int role)
{
    if (role == Qt::DisplayRole)
        return ModelSupport::size(size);
    if (role == ConsoleRoles::SortRole)
        return size;
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return QVariant();
}

QVariant textData(const QString& text, int role)
{
    if (role == Qt::DisplayRole || role == ConsoleRoles::SortRole || role == Qt::ToolTipRole)
        return text;
    return QVariant();
}

} // namespace

// ---- platforms

void PlatformTableModel::setDetail(const ImageDetail& detail)
{
    beginResetModel();
    m_entries = detail.platforms;
    endResetModel();
}

PlatformEntry PlatformTableModel::entryAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries[row] : PlatformEntry();
}

int PlatformTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int PlatformTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 4;
}

QVariant PlatformTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return QVariant();
    const PlatformEntry& e = m_entries[index.row()];
    if (role == ConsoleRoles::DigestRole)
        return e.digest.toString();
    switch (index.column()) {
    case 0:
        return textData(e.platform().isEmpty() ? tr("(none)") : e.platform(), role);
    case 1:
        return textData(e.digest.toString(), role);
    case 2:
        return textData(e.mediaType, role);
    case 3:
        return sizeData(e.size, role);
    default:
        return QVariant();
    }
}

QVariant PlatformTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    const QStringList titles{tr("Platform"), tr("Digest"), tr("Media type"), tr("Size")};
    return section >= 0 && section < titles.size() ? titles[section] : QVariant();
}

// ---- layers

void LayerTableModel::setDetail(const ImageDetail& detail)
{
    beginResetModel();
    m_layers = detail.layers;
    m_hasConfig = detail.config.has_value();
    if (m_hasConfig)
        m_layers.prepend(*detail.config);
    endResetModel();
}

int LayerTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_layers.size());
}

int LayerTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 3;
}

QVariant LayerTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_layers.size())
        return QVariant();
    const LayerInfo& l = m_layers[index.row()];
    if (role == ConsoleRoles::DigestRole)
        return l.digest.toString();
    switch (index.column()) {
    case 0:
        if (role == Qt::DisplayRole && m_hasConfig && index.row() == 0)
            return tr("%1 (config)").arg(l.digest.toString());
        return textData(l.digest.toString(), role);
    case 1:
        return textData(l.mediaType, role);
    case 2:
        return sizeData(l.size, role);
    default:
        return QVariant();
    }
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    const QStringList titles{tr("Digest"), tr("Media type"), tr("Size")};
    return section >= 0 && section < titles.size() ? titles[section] : QVariant();
}

// ---- referrers

void ReferrerTableModel::setDetail(const ImageDetail& detail)
{
    beginResetModel();
    m_referrers = detail.referrers;
    endResetModel();
}

Descriptor ReferrerTableModel::referrerAt(int row) const
{
    return row >= 0 && row < m_referrers.size() ? m_referrers[row] : Descriptor();
}

int ReferrerTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_referrers.size());
}

int ReferrerTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 4;
}

QVariant ReferrerTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_referrers.size())
        return QVariant();
    const Descriptor& r = m_referrers[index.row()];
    if (role == ConsoleRoles::DigestRole)
        return r.digest.toString();
    switch (index.column()) {
    case 0:
        return textData(r.artifactType, role);
    case 1:
        return textData(r.digest.toString(), role);
    case 2:
        return textData(r.mediaType, role);
    case 3:
        return sizeData(r.size, role);
    default:
        return QVariant();
    }
}

QVariant ReferrerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    const QStringList titles{tr("Artifact type"), tr("Digest"), tr("Media type"), tr("Size")};
    return section >= 0 && section < titles.size() ? titles[section] : QVariant();
}

} // namespace berth
