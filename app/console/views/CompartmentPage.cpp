#include "views/CompartmentPage.h"

#include "models/ConsoleRoles.h"
#include "models/RepositoryTableModel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace berth {

CompartmentPage::CompartmentPage(QWidget* parent) : QWidget(parent)
{
    m_toolBar = new QToolBar(this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter repositories"));
    m_filter->setClearButtonEnabled(true);

    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(RepositoryTableModel::NameColumn);
    m_proxy->setSortRole(ConsoleRoles::SortRole);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RepositoryTableModel::NameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setDragEnabled(true);
    m_table->setAcceptDrops(true);
    m_table->setDropIndicatorShown(true);
    m_table->setDragDropMode(QAbstractItemView::DragDrop);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QString repository = index.data(ConsoleRoles::RepositoryRole).toString();
        if (!repository.isEmpty())
            emit repositoryActivated(repository);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CompartmentPage::selectionChanged);

    auto* top = new QHBoxLayout;
    top->addWidget(m_toolBar, 1);
    top->addWidget(m_filter);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
}

void CompartmentPage::setModel(RepositoryTableModel* model)
{
    m_model = model;
    m_proxy->setSourceModel(model);
    emit selectionChanged();
}

void CompartmentPage::addActions(const QList<QAction*>& actions)
{
    m_toolBar->addActions(actions);
    m_table->addActions(actions);
}

QString CompartmentPage::selectedRepository() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return QString();
    return rows.first().data(ConsoleRoles::RepositoryRole).toString();
}

bool CompartmentPage::selectRepository(const QString& repository)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(ConsoleRoles::RepositoryRole).toString() == repository) {
            m_table->selectRow(row);
            m_table->scrollTo(index);
            return true;
        }
    }
    return false;
}

} // namespace berth
