module github.com/student/devops-info-service

go 1.23
