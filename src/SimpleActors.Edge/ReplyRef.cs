using Akka.Actor;

namespace SimpleActors.Edge;

/// <summary>
/// The address an <see cref="EntityAsk"/> gives as the sender of its command: a temporary actor path (so an entity on
/// another node can answer it) that completes one answer and then lets go of it. Akka's own ask reference keeps its
/// task, and with it the answer, for as long as the reference lives; and an entity keeps the sender of the last message
/// it handled until its next message (Akka does not clear it). With Akka's ask every idle entity therefore held its last
/// asker's task and reply, about 250 bytes each, which a registration storm promoted once per new user.
/// </summary>
internal sealed class ReplyRef : MinimalActorRef
{
    private TaskCompletionSource<object>? answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ReplyRef(IActorRefProvider provider, ActorPath path)
    {
        Provider = provider;
        Path = path;
    }

    public override ActorPath Path { get; }

    public override IActorRefProvider Provider { get; }

    /// <summary>Whether it still holds its pending answer (false once answered or released).</summary>
    internal bool Holds => Volatile.Read(ref answer) is not null;

    /// <summary>
    /// A reference at a new temporary path, registered with the provider until <see cref="Release"/>, and the task of
    /// the first message told to it (the reference itself does not keep the task once it is answered).
    /// </summary>
    public static (ReplyRef Reply, Task<object> Answer) Register(IActorRefProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var reply = new ReplyRef(provider, provider.TempPath());
        var answer = reply.answer!.Task;
        provider.RegisterTempActor(reply, reply.Path);
        return (reply, answer);
    }

    /// <summary>Unregisters the path and drops the pending answer (an answer after this goes nowhere).</summary>
    public void Release()
    {
        Provider.UnregisterTempActor(Path);
        Interlocked.Exchange(ref answer, null);
    }

    protected override void TellInternal(object message, IActorRef sender)
    {
        if (Interlocked.Exchange(ref answer, null) is { } pending)
        {
            pending.TrySetResult(message);
        }
    }
}
