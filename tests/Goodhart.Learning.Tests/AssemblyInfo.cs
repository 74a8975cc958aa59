// Model construction and training seed torch's process-wide generator, and the machine has few cores: run the
// test classes one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
