Console.WriteLine("DeepSQL");
