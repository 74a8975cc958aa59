// Commands write to the process-wide console (Console.Error, AnsiConsole.Console), which the tests redirect.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
