#pragma once

#include "registry/ImageCatalog.h"

#include <QAbstractTableModel>

namespace berth {

/// Tables of the image pane, each built from an ImageDetail (no loading of their own).

/// An index's platforms: platform, digest, media type, size. DigestRole on every column.
class PlatformTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;
    void setDetail(const ImageDetail& detail);
    PlatformEntry entryAt(int row) const;
    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<PlatformEntry> m_entries;
};

/// An image's layers (and its config as the first row): digest, media type, size.
class LayerTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;
    void setDetail(const ImageDetail& detail);
    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<LayerInfo> m_layers;
    bool m_hasConfig = false;
};

/// A manifest's referrers: artifact type, digest, media type, size.
class ReferrerTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;
    void setDetail(const ImageDetail& detail);
    Descriptor referrerAt(int row) const;
    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Descriptor> m_referrers;
};

} // namespace berth
