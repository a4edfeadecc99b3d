#include "views/JobsPanel.h"

#include "jobs/JobRunner.h"
#include "models/JobsModel.h"
#include "views/ProgressDelegate.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace berth {

JobsPanel::JobsPanel(JobRunner& runner, QWidget* parent) : QDockWidget(tr("Jobs"), parent), m_runner(runner)
{
    setObjectName(QStringLiteral("jobsPanel"));
    m_model = new JobsModel(runner, this);
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(JobsModel::ProgressColumn, new ProgressDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(JobsModel::TitleColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(JobsModel::MessageColumn, QHeaderView::Stretch);

    m_cancel = new QPushButton(tr("Cancel job"), this);
    m_clear = new QPushButton(tr("Clear finished"), this);
    connect(m_cancel, &QPushButton::clicked, this, &JobsPanel::cancelSelected);
    connect(m_clear, &QPushButton::clicked, this, [this] { m_runner.clearHistory(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &JobsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &JobsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &JobsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &JobsPanel::updateButtons);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_clear);
    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    setWidget(content);
    updateButtons();
}

void JobsPanel::cancelSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    m_runner.cancel(m_model->jobAt(rows.first().row()).id);
}

void JobsPanel::updateButtons()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const bool running = !rows.isEmpty() && !m_model->jobAt(rows.first().row()).isFinished();
    m_cancel->setEnabled(running);
}

} // namespace berth
