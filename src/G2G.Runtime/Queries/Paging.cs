using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Queries;

/// <summary>One page of a list: the items, which page (from 1), its size, and how many items the whole list holds.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total);

/// <summary>How every list of the runtime pages: page numbers from 1, sizes from 1 to <see cref="MaxPageSize"/>, the total counted by the same query.</summary>
public static class Paging
{
    public const int MaxPageSize = 200;

    /// <summary>The page asked for, brought into range: page at least 1, size 1 to <see cref="MaxPageSize"/>.</summary>
    public static (int Page, int PageSize) Clamp(int page, int pageSize) => (Math.Max(page, 1), Math.Clamp(pageSize, 1, MaxPageSize));

    /// <summary>Counts the ordered query and cuts out the page asked for; the caller reads <see cref="PageSlice{T}.Rows"/> its own way.</summary>
    public static async Task<PageSlice<T>> SliceAsync<T>(this IQueryable<T> ordered, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken).ConfigureAwait(false);
        return ordered.Slice(page, pageSize, total);
    }

    /// <summary>Cuts out the page asked for of an ordered query whose rows the caller counted (<paramref name="total"/>) its own way.</summary>
    public static PageSlice<T> Slice<T>(this IQueryable<T> ordered, int page, int pageSize, int total)
    {
        (page, pageSize) = Clamp(page, pageSize);
        // A page past the end is empty and keeps its number; the offset is computed in 64 bits so it cannot wrap.
        var offset = (long)(page - 1) * pageSize;
        return new PageSlice<T>(offset >= total ? ordered.Take(0) : ordered.Skip((int)offset).Take(pageSize), page, pageSize, total);
    }
}

/// <summary>The rows of one page, still a query, with the page's place in the whole list.</summary>
public sealed record PageSlice<T>(IQueryable<T> Rows, int PageNumber, int PageSize, int Total)
{
    /// <summary>The page with the items read from <see cref="Rows"/>.</summary>
    public Page<TItem> With<TItem>(IReadOnlyList<TItem> items) => new(items, PageNumber, PageSize, Total);
}
