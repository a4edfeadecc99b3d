#pragma once

#include "registry/ImageCatalog.h"

#include <QWidget>
#include <optional>

class QAction;
class QLabel;
class QTableView;
class QToolBar;

namespace berth {

class ImageTableModel;

/// A repository's images: one row per tag, then the untagged manifests (tag, digest, kind, platforms,
/// size, pushed, last pulled), loaded a page at a time as the table scrolls. The image actions sit in
/// a tool bar above it; double-clicking a row opens the manifest.
class RepositoryPage : public QWidget
{
    Q_OBJECT
public:
    explicit RepositoryPage(QWidget* parent = nullptr);

    void setModel(ImageTableModel* model);
    ImageTableModel* model() const { return m_model; }
    void addActions(const QList<QAction*>& actions);
    void setRepository(const QString& repository);

    /// The selected row; nullopt when none.
    std::optional<TagRow> selectedRow() const;
    bool selectRow(int row);

    QTableView* table() const { return m_table; }

signals:
    void rowActivated(const berth::TagRow& row);
    void selectionChanged();

private:
    ImageTableModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QToolBar* m_toolBar = nullptr;
    QLabel* m_title = nullptr;
};

} // namespace berth
