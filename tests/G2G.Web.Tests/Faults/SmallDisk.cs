using System.Diagnostics;

namespace G2G.Web.Tests.Faults;

/// <summary>
/// A small tmpfs mounted for one test, so the test can fill it up under a running host. Needs
/// Linux and root (as test.sh and CI run); <see cref="SmallDiskFactAttribute"/> skips the test elsewhere.
/// </summary>
public sealed class SmallDisk : IAsyncDisposable
{
    private readonly List<string> _fillers = [];

    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    /// <summary>Why a tmpfs cannot be mounted here, or null when it can (tried once per test run).</summary>
    public static string? UnavailableReason => Probe.Value;

    private static readonly Lazy<string?> Probe = new(() =>
    {
        if (!OperatingSystem.IsLinux())
            return "mounting a small disk needs Linux";
        try
        {
            var disk = MountAsync(1).GetAwaiter().GetResult();
            disk.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return null;
        }
        catch (Exception failure) when (failure is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"cannot mount a tmpfs here (needs root): {failure.Message}";
        }
    });

    public static async Task<SmallDisk> MountAsync(int megabytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "g2g-small-disk", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        await RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0777", "tmpfs", path);
        return new SmallDisk(path);
    }

    /// <summary>Fills the disk with files until not one more 4 KiB block fits.</summary>
    public void Fill()
    {
        foreach (var block in new[] { 1024 * 1024, 4096 })
        {
            var filler = System.IO.Path.Combine(Path, $"filler-{_fillers.Count}");
            _fillers.Add(filler);
            using var stream = new FileStream(filler, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
            var bytes = new byte[block];
            try
            {
                while (true)
                    stream.Write(bytes);
            }
            catch (IOException)
            {
                // No space left on device: the next, smaller block size fills what remains.
            }
        }
    }

    /// <summary>Deletes what <see cref="Fill"/> wrote: the space returns.</summary>
    public void Free()
    {
        foreach (var filler in _fillers)
            File.Delete(filler);
        _fillers.Clear();
    }

    /// <summary>
    /// Remounts the disk read-only, as the kernel does after an I/O error or an operator does by hand. Linux refuses while
    /// a file on it is open for writing, so the caller first closes its database connections.
    /// </summary>
    public Task MakeReadOnlyAsync() => RunAsync("mount", "-o", "remount,ro", Path);

    /// <summary>Remounts the disk writable again.</summary>
    public Task MakeWritableAsync() => RunAsync("mount", "-o", "remount,rw", Path);

    public async ValueTask DisposeAsync()
    {
        await RunAsync("umount", "--lazy", Path);
        Directory.Delete(Path);
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)}: exit {process.ExitCode}: {error.Trim()}");
    }
}

/// <summary>A fact that needs <see cref="SmallDisk"/>: skipped, with the reason, where a tmpfs cannot be mounted.</summary>
public sealed class SmallDiskFactAttribute : FactAttribute
{
    public SmallDiskFactAttribute()
    {
        if (SmallDisk.UnavailableReason is { } reason)
            Skip = reason;
    }
}
