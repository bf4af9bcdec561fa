using G2G.Office.Budget;
using G2G.Office.Leave;
using G2G.Office.Purchase;
using G2G.Office.Records;
using G2G.Office.Regulations;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Persistence;

/// <summary>
/// The office module's tables (prefix <c>office_</c>), in the same database as the runtime's, with their own
/// migrations history (<c>__office_migrations</c>). A handler works on the command's connection and transaction
/// (<see cref="Joining"/>), so what it writes commits or rolls back with the command.
/// </summary>
public sealed class OfficeDbContext(DbContextOptions<OfficeDbContext> options) : DbContext(options)
{
    public const string HistoryTable = "__office_migrations";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OfficeDbContext).Assembly);
        modelBuilder.NameColumnsInSnakeCase(typeof(OfficeDbContext).Assembly);
    }

    /// <summary>Options on the database the settings name (requests, start-up).</summary>
    public static void Configure(DbContextOptionsBuilder options, DatabaseSettings settings) =>
        ModuleContexts.Configure(options, settings, HistoryTable);

    /// <summary>A context on the runtime command's own connection, enlisted in its transaction.</summary>
    public static OfficeDbContext Joining(G2GDbContext db) => ModuleContexts.Joining<OfficeDbContext>(db, options => new(options));

    public DbSet<LeaveBalanceRecord> LeaveBalances => Set<LeaveBalanceRecord>();

    public DbSet<LeaveRequestRecord> LeaveRequests => Set<LeaveRequestRecord>();

    public DbSet<RecordsRequestRecord> RecordsRequests => Set<RecordsRequestRecord>();

    public DbSet<RecordsAccessRecord> RecordsAccesses => Set<RecordsAccessRecord>();

    public DbSet<RegulationRecord> Regulations => Set<RegulationRecord>();

    public DbSet<BudgetLineRecord> BudgetLines => Set<BudgetLineRecord>();

    public DbSet<BudgetReservationRecord> BudgetReservations => Set<BudgetReservationRecord>();

    public DbSet<PurchaseRecord> Purchases => Set<PurchaseRecord>();
}
