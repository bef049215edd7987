return await SimpleActors.Node.CommandLine.InvokeAsync(args).ConfigureAwait(false);
