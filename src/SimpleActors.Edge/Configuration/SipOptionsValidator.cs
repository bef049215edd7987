using Microsoft.Extensions.Options;

using SimpleActors.Sip.Transport;

namespace SimpleActors.Edge.Configuration;

/// <summary>Rejects a <c>Sip</c> section the edge could not open sockets or parse messages with.</summary>
public sealed class SipOptionsValidator : IValidateOptions<SipOptions>
{
    public ValidateOptionsResult Validate(string? name, SipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        for (var i = 0; i < options.Listeners.Count; i++)
        {
            var listener = options.Listeners[i];
            if (!Enum.IsDefined(listener.Transport))
            {
                failures.Add($"Sip:Listeners:{i}:Transport '{listener.Transport}' is not one of {string.Join(", ", Enum.GetNames<SipTransport>())}.");
            }

            if (listener.EndPoint is null)
            {
                failures.Add($"Sip:Listeners:{i} has no valid endpoint (Address '{listener.Address}', Port {listener.Port}).");
            }
        }

        var duplicates = options.Listeners
            .Where(l => l.EndPoint is not null && l.Port != 0)
            .GroupBy(l => (l.Transport, EndPoint: l.EndPoint!.ToString()))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Transport} {g.Key.EndPoint}");
        failures.AddRange(duplicates.Select(d => $"Sip:Listeners has {d} more than once."));

        // TCP, TLS, WS and WSS all listen on TCP ports: two of them cannot share one.
        var sharedTcpPorts = options.Listeners
            .Where(l => l.EndPoint is not null && l.Port != 0 && l.Transport != SipTransport.Udp)
            .GroupBy(l => l.EndPoint!.ToString())
            .Where(g => g.Select(l => l.Transport).Distinct().Count() > 1)
            .Select(g => $"{string.Join(" and ", g.Select(l => l.Transport).Distinct())} share {g.Key}");
        failures.AddRange(sharedTcpPorts.Select(d => $"Sip:Listeners: {d}; each needs its own TCP port."));

        if (options.HandshakeTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Sip:HandshakeTimeout must be above zero, not {options.HandshakeTimeout}.");
        }

        var limits = options.Limits;
        try
        {
            limits.ToParserLimits().Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            failures.Add($"Sip:Limits:{e.ParamName} is too small: {e.ActualValue}.");
        }

        if (limits.MaxBodySize > limits.MaxMessageSize)
        {
            failures.Add($"Sip:Limits:MaxBodySize ({limits.MaxBodySize}) exceeds Sip:Limits:MaxMessageSize ({limits.MaxMessageSize}).");
        }

        if (limits.MaxLineLength > limits.MaxMessageSize)
        {
            failures.Add($"Sip:Limits:MaxLineLength ({limits.MaxLineLength}) exceeds Sip:Limits:MaxMessageSize ({limits.MaxMessageSize}).");
        }

        var overload = options.Overload;
        if (overload.MaxPendingRequests < 1)
        {
            failures.Add($"Sip:Overload:MaxPendingRequests must be at least 1, not {overload.MaxPendingRequests}.");
        }

        if (overload.RetryAfter < TimeSpan.FromSeconds(1))
        {
            failures.Add($"Sip:Overload:RetryAfter must be at least a second (Retry-After counts seconds), not {overload.RetryAfter}.");
        }

        if (overload.EntityTimeout <= TimeSpan.Zero || overload.EntityTimeout > TimeSpan.FromSeconds(13))
        {
            // Both waits (7/3 of this) must end inside a UDP client's Timer F (64 * T1 = 32 s, RFC 3261 section 17.1.2.2).
            failures.Add($"Sip:Overload:EntityTimeout must be above zero and at most 13 s, not {overload.EntityTimeout}.");
        }

        if (options.UdpReceiveBufferSize < 0)
        {
            failures.Add($"Sip:UdpReceiveBufferSize must be 0 (the OS default) or a size in bytes, not {options.UdpReceiveBufferSize}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
