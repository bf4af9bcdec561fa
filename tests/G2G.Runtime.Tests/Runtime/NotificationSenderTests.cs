using System.Net;
using System.Net.Sockets;
using System.Text;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Tests.Runtime;

/// <summary>
/// How a notification leaves the outbox is decided when it is sent, from the settings of that moment: in-app while
/// <c>Notifications:Smtp:Host</c> is empty, by e-mail once it is set (a reloaded file, another configuration source),
/// in-app again when it is removed; never the value read when the services were registered.
/// </summary>
public abstract class NotificationSenderTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private RuntimeHarness _runtime = null!;

    public async Task InitializeAsync()
    {
        await database.MigrateAsync();
        _runtime = new RuntimeHarness(database);
    }

    public async Task DisposeAsync() => await _runtime.DisposeAsync();

    [DatabaseFact]
    public async Task TheSmtpHost_IsReadAtEachSend_NotAtRegistration()
    {
        await using var mail = new FakeSmtpServer();

        var first = await QueueAsync();
        await _runtime.DispatchOutboxAsync();
        Assert.True(await InAppAsync(first));

        SetSmtp(("Host", "127.0.0.1"), ("Port", mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("EnableSsl", "false"),
            ("AddressFormat", "{0}@example.gov.cn"));
        var second = await QueueAsync();
        await _runtime.DispatchOutboxAsync();
        // the server keeps a session once it has ended, which may be just after the client has sent QUIT and moved on
        await mail.SessionEndedAsync(m => m.Contains(Uri.EscapeDataString(second), StringComparison.Ordinal));
        var message = Assert.Single(mail.Messages, m => m.Contains(Uri.EscapeDataString(second), StringComparison.Ordinal));
        Assert.Contains("RCPT TO:<zheng.kai@example.gov.cn>", message, StringComparison.Ordinal);
        Assert.False(await InAppAsync(second));
        Assert.NotNull((await OutboxAsync(second)).DispatchedAt);

        SetSmtp(("Host", ""));
        var third = await QueueAsync();
        await _runtime.DispatchOutboxAsync();
        Assert.True(await InAppAsync(third));
        Assert.DoesNotContain(mail.Messages, m => m.Contains(Uri.EscapeDataString(third), StringComparison.Ordinal));
    }

    private void SetSmtp(params (string Key, string Value)[] settings)
    {
        foreach (var (key, value) in settings)
            _runtime.Configuration[$"Notifications:Smtp:{key}"] = value;
        _runtime.Configuration.Reload();
    }

    private async Task<string> QueueAsync()
    {
        var id = $"sender-test-{Guid.NewGuid():N}";
        await _runtime.Query(db =>
        {
            db.Add(new OutboxRecord { NotificationId = id, Kind = "task.reminder", Recipient = "zheng.kai", Subject = "催办提醒 Reminder", CreatedAt = _runtime.Clock.GetUtcNow() });
            return db.SaveChangesAsync();
        });
        return id;
    }

    private Task<bool> InAppAsync(string id) => _runtime.Query(db => db.Set<NotificationRecord>().AnyAsync(n => n.Id == id));

    private Task<OutboxRecord> OutboxAsync(string id) => _runtime.Query(db => db.Set<OutboxRecord>().SingleAsync(o => o.NotificationId == id));

    /// <summary>Just enough of an SMTP server on the loopback for <see cref="System.Net.Mail.SmtpClient"/>: every session's commands and data, kept as one text.</summary>
    private sealed class FakeSmtpServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _serving;
        private readonly List<string> _messages = [];

        public FakeSmtpServer()
        {
            _listener.Start();
            _serving = ServeAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (_messages)
                    return [.. _messages];
            }
        }

        /// <summary>Waits (up to 30 s) until a kept session matches; the caller asserts what it holds.</summary>
        public async Task SessionEndedAsync(Func<string, bool> match)
        {
            for (var waited = 0; waited < 30_000 && !Messages.Any(match); waited += 50)
                await Task.Delay(50);
        }

        private async Task ServeAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    await SessionAsync(client.GetStream());
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private async Task SessionAsync(NetworkStream stream)
        {
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            var session = new StringBuilder();
            await writer.WriteLineAsync("220 localhost fake SMTP");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                session.AppendLine(line);
                if (line.StartsWith("DATA", StringComparison.OrdinalIgnoreCase))
                {
                    await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                    while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                        session.AppendLine(data);
                    await writer.WriteLineAsync("250 queued");
                }
                else if (line.StartsWith("QUIT", StringComparison.OrdinalIgnoreCase))
                {
                    await writer.WriteLineAsync("221 bye");
                    break;
                }
                else
                    await writer.WriteLineAsync("250 OK");
            }
            lock (_messages)
                _messages.Add(session.ToString());
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _serving;
            _stop.Dispose();
        }
    }
}

public sealed class SqliteNotificationSenderTests(SqliteTestDatabase database) : NotificationSenderTests<SqliteTestDatabase>(database);

public sealed class PostgresNotificationSenderTests(PostgresTestDatabase database) : NotificationSenderTests<PostgresTestDatabase>(database);
