#include "views/RepositoryPage.h"

#include "models/ImageTableModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace berth {

RepositoryPage::RepositoryPage(QWidget* parent) : QWidget(parent)
{
    m_title = new QLabel(this);
    m_toolBar = new QToolBar(this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_table = new QTableView(this);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAcceptDrops(true);
    m_table->setDropIndicatorShown(true);
    m_table->setDragDropMode(QAbstractItemView::DropOnly);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (m_model && index.isValid())
            emit rowActivated(m_model->rowAt(index.row()));
    });

    auto* top = new QHBoxLayout;
    top->addWidget(m_title);
    top->addWidget(m_toolBar, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
}

void RepositoryPage::setModel(ImageTableModel* model)
{
    m_model = model;
    m_table->setModel(model);
    if (m_table->selectionModel())
        connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
                &RepositoryPage::selectionChanged);
    emit selectionChanged();
}

void RepositoryPage::addActions(const QList<QAction*>& actions)
{
    m_toolBar->addActions(actions);
    m_table->addActions(actions);
}

void RepositoryPage::setRepository(const QString& repository)
{
    m_title->setText(QStringLiteral("<b>%1</b>").arg(repository.toHtmlEscaped()));
}

std::optional<TagRow> RepositoryPage::selectedRow() const
{
    if (!m_model || !m_table->selectionModel())
        return std::nullopt;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return m_model->rowAt(rows.first().row());
}

bool RepositoryPage::selectRow(int row)
{
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return false;
    m_table->selectRow(row);
    return true;
}

} // namespace berth
