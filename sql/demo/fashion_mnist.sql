-- Fashion-MNIST transfer learning demo (run by tests/Server.Tests/Sql/FashionMnistDemoTests.cs).
-- clothing_train (60,000) and clothing_test (10,000) are loaded at service start by src/Server/Demo/FashionMnist.cs
-- when the Debian package dataset-fashion-mnist is installed: image BLOB (28x28 grayscale PNG), label VARCHAR.

-- Train a softmax head on the ResNet18 features ("featurize") and publish backbone + head as predict_label.
CREATE OR REPLACE MODEL predict_label
  FROM (SELECT image, label FROM clothing_train)
  USING featurize
  WITH (epochs = 30, l2 = 0.0001, validation = 0.1, seed = 42);

-- name, task, version, versions, backbone, train_accuracy, validation_accuracy, rows, created
SHOW MODELS;

-- A few predictions with the runner-up classes.
SELECT label, predict_label(image) AS predicted, predict_label_topk(image, 3) AS top3
FROM clothing_test
LIMIT 10;

-- Accuracy on the held-back test set, and per class.
SELECT avg(CASE WHEN predicted = label THEN 1.0 ELSE 0.0 END) AS accuracy,
       count(*) AS images
FROM (SELECT label, predict_label(image) AS predicted FROM clothing_test);
