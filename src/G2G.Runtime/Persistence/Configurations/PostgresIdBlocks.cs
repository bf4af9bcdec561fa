using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Persistence.Configurations;

/// <summary>
/// PostgreSQL: the ids of <c>process_instances</c> and <c>tasks</c> are drawn by the client, in blocks of
/// <see cref="BlockSize"/>, from the sequences <c>process_instances_id_blocks</c> and <c>tasks_id_blocks</c>
/// (EF Core's HiLo; created by migration IdBlocks, which also ends the columns' identity). A command then knows
/// the ids of the rows it adds before it saves, so a start writes the instance together with its history, audit
/// and tasks, and a task's candidates go in the same batch as the task: one round trip instead of two. A node takes a new block with one <c>nextval</c> per
/// <see cref="BlockSize"/> rows. SQLite keeps AUTOINCREMENT (it has no sequences; its statements are in-process).
/// </summary>
internal static class PostgresIdBlocks
{
    /// <summary>Ids per block; must equal the sequences' increment (migration IdBlocks).</summary>
    public const int BlockSize = 50;

    public static void Configure(ModelBuilder builder)
    {
        UseBlocks(builder, builder.Entity<ProcessInstanceRecord>().Property(i => i.Id), "process_instances_id_blocks");
        UseBlocks(builder, builder.Entity<TaskRecord>().Property(t => t.Id), "tasks_id_blocks");
    }

    private static void UseBlocks(ModelBuilder builder, Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<long> id, string sequence)
    {
        builder.HasSequence<long>(sequence).IncrementsBy(BlockSize);
        id.UseHiLo(sequence);
    }
}
