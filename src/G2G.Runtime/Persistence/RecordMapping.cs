using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Runtime.Persistence;

/// <summary>
/// The mapping the business modules' records share (office, documents): a table named by the module's prefix with a
/// generated <c>id</c> key named <c>pk_{table}</c>, and every column named after its property in snake_case
/// (<c>AmountFen</c> → <c>amount_fen</c>). A record's configuration then says only what is its own: lengths, indexes,
/// relations.
/// </summary>
public static class RecordMapping
{
    /// <summary>Maps the record to <paramref name="table"/> with its generated key <c>Id</c> (<c>pk_{table}</c>).</summary>
    public static EntityTypeBuilder<TRecord> ToRecordTable<TRecord>(this EntityTypeBuilder<TRecord> builder, string table)
        where TRecord : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(table);
        builder.HasKey("Id").HasName("pk_" + table);
        builder.Property("Id").ValueGeneratedOnAdd();
        return builder;
    }

    /// <summary>
    /// Names the column of every property of the records declared in <paramref name="assembly"/> after the property, in
    /// snake_case; call it after the configurations are applied.
    /// </summary>
    public static void NameColumnsInSnakeCase(this ModelBuilder modelBuilder, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.ClrType.Assembly == assembly))
        {
            foreach (var property in entity.GetDeclaredProperties())
                property.SetColumnName(SnakeCase(property.Name));
        }
    }

    /// <summary><c>InstanceId</c> → <c>instance_id</c>.</summary>
    public static string SnakeCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsUpper(name[i - 1]))
                text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
