#pragma once

#include <QWidget>

class QAction;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolBar;

namespace berth {

class RepositoryTableModel;

/// The repositories of a compartment: a filterable, sortable table with the repository actions in a
/// tool bar above it. Double-clicking a repository opens it.
class CompartmentPage : public QWidget
{
    Q_OBJECT
public:
    explicit CompartmentPage(QWidget* parent = nullptr);

    /// The table's model (null while no registry is open).
    void setModel(RepositoryTableModel* model);
    RepositoryTableModel* model() const { return m_model; }
    /// Adds the actions to the page's tool bar (and the table's context menu).
    void addActions(const QList<QAction*>& actions);

    /// The repository selected in the table; empty when none.
    QString selectedRepository() const;
    /// Selects a repository's row (tests, and after navigation).
    bool selectRepository(const QString& repository);

    QTableView* table() const { return m_table; }
    QLineEdit* filterEdit() const { return m_filter; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }

signals:
    void repositoryActivated(const QString& repository);
    void selectionChanged();

private:
    RepositoryTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    QLineEdit* m_filter = nullptr;
    QToolBar* m_toolBar = nullptr;
};

} // namespace berth
