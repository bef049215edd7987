using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Runtime.Serialization;
using Google.Protobuf;
using SimpleActors.Engine.Entities;
using SimpleActors.Engine.Mailbox;
using SimpleActors.Engine.Registration;
using SimpleActors.Engine.Relay;
using SimpleActors.Engine.Serialization.Proto;
using SimpleActors.Sip.Transport;

namespace SimpleActors.Engine.Serialization;

/// <summary>Maps the engine's records to their protobuf schemas and back.</summary>
internal static partial class ProtoMapping
{
    // ---- shared pieces

    public static long Ticks(DateTimeOffset time) => time.UtcTicks;

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    private static string? Text(decimal? q) => q?.ToString(CultureInfo.InvariantCulture);

    private static decimal? Decimal(bool has, string text) =>
        has ? decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture) : null;

    public static RequestRefData ToProto(RequestRef request)
    {
        var data = new RequestRefData { CallId = request.CallId, Cseq = request.CSeq };
        if (request.Identity is not null)
        {
            data.Identity = request.Identity;
        }

        return data;
    }

    public static RequestRef FromProto(RequestRefData request) => new(request.CallId, request.Cseq, request.HasIdentity ? request.Identity : null);

    public static FlowData ToProto(SipFlow flow) => new()
    {
        Node = flow.Node,
        Transport = (int)flow.Transport,
        LocalAddress = flow.Local.Address.ToString(),
        LocalPort = flow.Local.Port,
        RemoteAddress = flow.Remote.Address.ToString(),
        RemotePort = flow.Remote.Port,
        ConnectionId = flow.ConnectionId,
    };

    public static SipFlow FromProto(FlowData? flow)
    {
        if (flow is null)
        {
            throw new SerializationException("A SimpleActors message lacks its required flow.");
        }

        return new SipFlow(
            flow.Node,
            (SipTransport)flow.Transport,
            new IPEndPoint(IPAddress.Parse(flow.LocalAddress), flow.LocalPort),
            new IPEndPoint(IPAddress.Parse(flow.RemoteAddress), flow.RemotePort),
            flow.ConnectionId);
    }

    // ---- registration

    public static BindingData ToProto(Binding binding)
    {
        var data = new BindingData
        {
            Uri = binding.Uri,
            ExpiresAtTicks = Ticks(binding.ExpiresAt),
            Flow = ToProto(binding.Flow),
            CallId = binding.CallId,
            Cseq = binding.CSeq,
            RegisteredAtTicks = Ticks(binding.RegisteredAt),
        };
        if (Text(binding.Q) is { } q)
        {
            data.Q = q;
        }

        if (binding.SipInstance is { } instance)
        {
            data.SipInstance = instance;
        }

        if (binding.RegId is { } regId)
        {
            data.RegId = regId;
        }

        data.Path.AddRange(binding.Path);
        return data;
    }

    public static Binding FromProto(BindingData data) => new(
        data.Uri,
        Time(data.ExpiresAtTicks),
        Decimal(data.HasQ, data.Q),
        data.HasSipInstance ? data.SipInstance : null,
        data.HasRegId ? data.RegId : null,
        [.. data.Path],
        FromProto(data.Flow),
        data.CallId,
        data.Cseq,
        Time(data.RegisteredAtTicks));

    public static RegisterData ToProto(Register command)
    {
        var data = new RegisterData
        {
            Aor = command.Aor,
            CallId = command.CallId,
            Cseq = command.CSeq,
            Repeat = command.Repeat,
            RemoveAll = command.RemoveAll,
            Flow = ToProto(command.Flow),
            AtTicks = Ticks(command.At),
        };
        foreach (var contact in command.Contacts)
        {
            var c = new RequestedContactData { Uri = contact.Uri };
            if (contact.Expires is { } expires)
            {
                c.Expires = expires;
            }

            if (Text(contact.Q) is { } q)
            {
                c.Q = q;
            }

            if (contact.SipInstance is { } instance)
            {
                c.SipInstance = instance;
            }

            if (contact.RegId is { } regId)
            {
                c.RegId = regId;
            }

            data.Contacts.Add(c);
        }

        if (command.HeaderExpires is { } headerExpires)
        {
            data.HeaderExpires = headerExpires;
        }

        if (command.Identity is { } identity)
        {
            data.Identity = identity;
        }

        data.Path.AddRange(command.Path);
        return data;
    }

    public static Register FromProto(RegisterData data) => new(
        data.Aor,
        data.CallId,
        data.Cseq,
        [.. data.Contacts.Select(c => new RequestedContact(
            c.Uri,
            c.HasExpires ? c.Expires : null,
            Decimal(c.HasQ, c.Q),
            c.HasSipInstance ? c.SipInstance : null,
            c.HasRegId ? c.RegId : null))],
        data.RemoveAll,
        data.HasHeaderExpires ? data.HeaderExpires : null,
        [.. data.Path],
        FromProto(data.Flow),
        data.HasIdentity ? data.Identity : null,
        Time(data.AtTicks)) { Repeat = data.Repeat };

    public static GetBindingsData ToProto(GetBindings query) => new() { Aor = query.Aor };

    public static GetBindings FromProto(GetBindingsData data) => new(data.Aor);

    public static RegisterResultData ToProto(RegisterResult result)
    {
        var data = new RegisterResultData { StatusCode = result.StatusCode, AtTicks = Ticks(result.At), Added = result.Added };
        if (result.Reason is { } reason)
        {
            data.Reason = reason;
        }

        if (result.MinExpires is { } minExpires)
        {
            data.MinExpires = minExpires;
        }

        data.Bindings.AddRange(result.Bindings.Select(ToProto));
        return data;
    }

    public static RegisterResult FromProto(RegisterResultData data) => new(
        data.StatusCode,
        data.HasReason ? data.Reason : null,
        [.. data.Bindings.Select(FromProto)],
        data.HasMinExpires ? data.MinExpires : null,
        Time(data.AtTicks),
        data.Added);

    public static CurrentBindingsData ToProto(CurrentBindings reply)
    {
        var data = new CurrentBindingsData { Aor = reply.Aor };
        data.Bindings.AddRange(reply.Bindings.Select(ToProto));
        return data;
    }

    public static CurrentBindings FromProto(CurrentBindingsData data) => new(data.Aor, [.. data.Bindings.Select(FromProto)]);

    public static ShardMembersChangedData ToProto(ShardMembersChanged e)
    {
        var data = new ShardMembersChangedData();
        data.Joined.AddRange(e.Joined);
        data.Left.AddRange(e.Left);
        return data;
    }

    public static ShardMembersChanged FromProto(ShardMembersChangedData data) => new([.. data.Joined], [.. data.Left]);

    public static ShardMembersData ToProto(ShardMembers snapshot)
    {
        var data = new ShardMembersData();
        data.Aors.AddRange(snapshot.Ids);
        return data;
    }

    public static ShardMembers FromProto(ShardMembersData data) => new([.. data.Aors]);

    public static BindingAddedData ToProto(BindingAdded e)
    {
        var data = new BindingAddedData { Aor = e.Aor, Binding = ToProto(e.Binding), AtTicks = Ticks(e.At) };
        if (e.Identity is { } identity)
        {
            data.Identity = identity;
        }

        return data;
    }

    public static BindingAdded FromProto(BindingAddedData data) => new(
        data.Aor,
        FromProto(Required(data.Binding, "binding")),
        data.HasIdentity ? data.Identity : null,
        Time(data.AtTicks));

    public static BindingRefreshedData ToProto(BindingRefreshed e)
    {
        var data = new BindingRefreshedData
        {
            Aor = e.Aor,
            StoredUri = e.StoredUri,
            Binding = ToProto(e.Binding),
            AtTicks = Ticks(e.At),
        };
        if (e.Identity is { } identity)
        {
            data.Identity = identity;
        }

        return data;
    }

    public static BindingRefreshed FromProto(BindingRefreshedData data) => new(
        data.Aor,
        data.StoredUri,
        FromProto(Required(data.Binding, "binding")),
        data.HasIdentity ? data.Identity : null,
        Time(data.AtTicks));

    public static BindingRemovedData ToProto(BindingRemoved e)
    {
        var data = new BindingRemovedData { Aor = e.Aor, Uri = e.Uri, Reason = (int)e.Reason, AtTicks = Ticks(e.At) };
        if (e.CallId is { } callId)
        {
            data.CallId = callId;
        }

        if (e.CSeq is { } cseq)
        {
            data.Cseq = cseq;
        }

        if (e.Identity is { } identity)
        {
            data.Identity = identity;
        }

        return data;
    }

    public static BindingRemoved FromProto(BindingRemovedData data) => new(
        data.Aor,
        data.Uri,
        Enum.IsDefined((BindingRemovalReason)data.Reason)
            ? (BindingRemovalReason)data.Reason
            : throw new SerializationException($"Unknown binding removal reason {data.Reason}."),
        data.HasCallId ? data.CallId : null,
        data.HasCseq ? data.Cseq : null,
        data.HasIdentity ? data.Identity : null,
        Time(data.AtTicks));

    public static RegistrationStateData ToProto(RegistrationState state)
    {
        var data = new RegistrationStateData { Aor = state.Aor };
        data.Bindings.AddRange(state.Bindings.Select(ToProto));
        return data;
    }

    public static RegistrationState FromProto(RegistrationStateData data) =>
        new(data.Aor, [.. data.Bindings.Select(FromProto)]);

    // ---- mailbox

    public static StoredMessageData ToProto(StoredMessage m)
    {
        var data = new StoredMessageData
        {
            MessageId = m.MessageId,
            From = m.From,
            To = m.To,
            Body = ByteString.CopyFrom(m.Body),
            CallId = m.CallId,
            Cseq = m.CSeq,
            ReceivedAtTicks = Ticks(m.ReceivedAt),
            ExpiresAtTicks = Ticks(m.ExpiresAt),
        };
        if (m.ContentType is { } contentType)
        {
            data.ContentType = contentType;
        }

        if (m.Identity is { } identity)
        {
            data.Identity = identity;
        }

        return data;
    }

    public static StoredMessage FromProto(StoredMessageData data) => new(
        data.MessageId,
        data.From,
        data.To,
        data.HasContentType ? data.ContentType : null,
        data.Body.ToByteArray(),
        data.CallId,
        data.Cseq,
        data.HasIdentity ? data.Identity : null,
        Time(data.ReceivedAtTicks),
        Time(data.ExpiresAtTicks));

    public static StoreMessageData ToProto(StoreMessage command) =>
        new() { Aor = command.Aor, Message = ToProto(StoredMessage.FromCommand(command)) };

    public static StoreMessage FromProto(StoreMessageData data)
    {
        var m = FromProto(Required(data.Message, "message"));
        return new StoreMessage(
            data.Aor, m.MessageId, m.From, m.To, m.ContentType, m.Body, m.CallId, m.CSeq, m.Identity, m.ReceivedAt, m.ExpiresAt);
    }

    public static GetPendingMessagesData ToProto(GetPendingMessages query) => new() { Aor = query.Aor };

    public static GetPendingMessages FromProto(GetPendingMessagesData data) => new(data.Aor);

    public static MessageIdAtData IdAt(string aor, string messageId, DateTimeOffset at) =>
        new() { Aor = aor, MessageId = messageId, AtTicks = Ticks(at) };

    public static MessageIdData Id(string aor, string messageId) => new() { Aor = aor, MessageId = messageId };

    public static PendingMessagesData ToProto(PendingMessages reply)
    {
        var data = new PendingMessagesData { Aor = reply.Aor };
        data.Messages.AddRange(reply.Messages.Select(ToProto));
        return data;
    }

    public static PendingMessages FromProto(PendingMessagesData data) => new(data.Aor, [.. data.Messages.Select(FromProto)]);

    public static MessageQueuedData ToProto(MessageQueued e) =>
        new() { Aor = e.Aor, Message = ToProto(e.Message), AtTicks = Ticks(e.At) };

    public static MessageQueued FromProto(MessageQueuedData data) =>
        new(data.Aor, FromProto(Required(data.Message, "message")), Time(data.AtTicks));

    public static MailboxStateData ToProto(MailboxState state)
    {
        var data = new MailboxStateData { Aor = state.Aor };
        data.Messages.AddRange(state.Messages.Select(ToProto));
        return data;
    }

    public static MailboxState FromProto(MailboxStateData data) =>
        new(data.Aor, ImmutableList.CreateRange(data.Messages.Select(FromProto)));

    private static T Required<T>(T? value, string field)
        where T : class =>
        value ?? throw new SerializationException($"A SimpleActors message lacks its required field '{field}'.");

    public static RelaySipMessageData ToProto(RelaySipMessage relay) => new()
    {
        Message = ByteString.CopyFrom(relay.Message),
        Transport = (int)relay.Transport,
        Address = relay.EndPoint.Address.ToString(),
        Port = relay.EndPoint.Port,
        Flow = ToProto(relay.Flow),
    };

    public static RelaySipMessage FromProto(RelaySipMessageData data) => new(
        data.Message.ToByteArray(),
        (SipTransport)data.Transport,
        new IPEndPoint(IPAddress.Parse(data.Address), data.Port),
        FromProto(data.Flow));

    public static RelayResultData ToProto(RelayResult result)
    {
        var data = new RelayResultData { Sent = result.Sent };
        if (result.Error is { } error)
        {
            data.Error = error;
        }

        return data;
    }

    public static RelayResult FromProto(RelayResultData data) => new(data.Sent, data.HasError ? data.Error : null);
}
